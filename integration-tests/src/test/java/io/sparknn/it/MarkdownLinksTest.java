package io.sparknn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the repository's Markdown files (README, docs/, bench/, notebooks/)
 * leads to a file or directory that exists, and a link to a heading (#...) to a heading that
 * exists, named as GitHub names its anchors.
 */
class MarkdownLinksTest {
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+)$");
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "node_modules",
            ".venv", ".venv-spark4", "venv", "__pycache__", ".pytest_cache");

    @Test
    void everyRelativeLinkResolves() throws IOException {
        Path repo = Path.of(System.getProperty("sparknn.it.repo")).toAbsolutePath().normalize();
        List<Path> markdown;
        try (Stream<Path> walk = Files.walk(repo)) {
            markdown = walk.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> repo.relativize(p).toString().isEmpty() || !hasSkippedDir(
                            repo.relativize(p)))
                    .toList();
        }
        assertTrue(markdown.contains(repo.resolve("README.md")), markdown.toString());
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path file : markdown) {
            String text = Files.readString(file);
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http:, https:, mailto:
                }
                links++;
                String path = target.contains("#") ? target.substring(0, target.indexOf('#'))
                        : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1)
                        : null;
                Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(repo.relativize(file) + ": " + target + " (no such file)");
                } else if (anchor != null && resolved.toString().endsWith(".md")
                        && !anchors(Files.readString(resolved)).contains(anchor)) {
                    broken.add(repo.relativize(file) + ": " + target + " (no such heading)");
                }
            }
        }
        assertTrue(links > 20, "links checked: " + links);
        assertEquals(List.of(), broken);
    }

    private static boolean hasSkippedDir(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_DIRS.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    /** The anchors GitHub gives a file's headings. */
    private static Set<String> anchors(String markdown) {
        Matcher m = HEADING.matcher(markdown);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1).trim().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return found.stream().collect(Collectors.toSet());
    }
}
