#!/usr/bin/env bash
# Builds a local stand-in for the prom/prometheus image from Debian's `prometheus` package, for machines (CI) that
# reach no registry: a FROM-scratch image with the binary, the libraries `ldd` lists and a `nobody` user, like the
# real image. It is Prometheus 2.42 (Debian 12), not the pinned v3.13.1: the tests that use it say so.
# Usage: .ci/local-prometheus-image.sh [tag]   (default lab-ci/prometheus:debian-2.42)
set -euo pipefail
tag=${1:-lab-ci/prometheus:debian-2.42}
binary=$(command -v prometheus)
context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT

mkdir -p "$context/rootfs/bin" "$context/rootfs/etc" "$context/rootfs/tmp" "$context/data"
cp "$binary" "$context/rootfs/bin/prometheus"
# Shared libraries (and the loader) the binary needs, at the same paths.
ldd "$binary" | grep -oE '/[^ ]+' | while read -r lib; do
  mkdir -p "$context/rootfs$(dirname "$lib")"
  cp -L "$lib" "$context/rootfs$lib"
done
printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' > "$context/rootfs/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\n' > "$context/rootfs/etc/group"
chmod 1777 "$context/rootfs/tmp"

cat > "$context/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY rootfs/ /
# Owned by nobody, as in the real image: a new volume mounted here takes this ownership, so Prometheus can write.
COPY --chown=65534:65534 data/ /prometheus/
USER 65534:65534
EXPOSE 9090
WORKDIR /prometheus
ENTRYPOINT ["/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
DOCKERFILE

DOCKER_BUILDKIT=0 docker build --quiet -t "$tag" "$context" >/dev/null
echo "$tag"
