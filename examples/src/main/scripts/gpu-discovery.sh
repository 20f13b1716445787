#!/usr/bin/env bash
# Spark GPU discovery script for spark.worker.resource.gpu.discoveryScript and
# spark.executor.resource.gpu.discoveryScript: prints this node's NVIDIA GPUs as Spark's
# ResourceInformation JSON, e.g. {"name":"gpu","addresses":["0","1"]}. Addresses are the CUDA
# device indices nvidia-smi reports, which spark-nn binds each task to.
set -euo pipefail
indices=$(nvidia-smi --query-gpu=index --format=csv,noheader 2>/dev/null | tr -d ' ' || true)
addresses=""
for i in $indices; do
  addresses="${addresses:+$addresses,}\"$i\""
done
echo "{\"name\":\"gpu\",\"addresses\":[${addresses}]}"
