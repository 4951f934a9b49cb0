#!/usr/bin/env bash
# Builds a local stand-in for one of the lab's upstream images from a Debian package's binary, for machines (CI) that
# reach no registry: a FROM-scratch image with the binary and the libraries `ldd` lists.
#   prometheus     stands in for prom/prometheus: Debian's Prometheus 2.42 (Debian 12), not the pinned v3.13.1, with
#                  promtool beside it in /bin; runs as nobody with a /prometheus folder, like the real image. The tests
#                  that use it say so.
#   node-exporter  Debian's node exporter 1.5, standing in for the node_exporter Alloy embeds
#                  (prometheus.exporter.unix): the same /proc readers, for the tests of machine.alloy's mounts.
# Usage: .ci/local-image.sh prometheus|node-exporter tag
set -euo pipefail
kind=${1:?usage: $0 prometheus|node-exporter tag}
tag=${2:?usage: $0 prometheus|node-exporter tag}
case "$kind" in
  prometheus) binaries=("$(command -v prometheus)" "$(command -v promtool)") ;;
  node-exporter) binaries=("$(command -v prometheus-node-exporter)") ;;
  *) echo "$0: unknown image '$kind' (prometheus or node-exporter)" >&2; exit 2 ;;
esac
context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT

mkdir -p "$context/rootfs/bin" "$context/rootfs/etc" "$context/rootfs/tmp" "$context/data"
cp "${binaries[0]}" "$context/rootfs/bin/$kind"
for binary in "${binaries[@]:1}"; do
  cp "$binary" "$context/rootfs/bin/"
done
# Shared libraries (and the loader) the binaries need, at the same paths.
for binary in "${binaries[@]}"; do
  ldd "$binary" | grep -oE '/[^ ]+' | while read -r lib; do
    mkdir -p "$context/rootfs$(dirname "$lib")"
    cp -L "$lib" "$context/rootfs$lib"
  done
done
printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' > "$context/rootfs/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\n' > "$context/rootfs/etc/group"
chmod 1777 "$context/rootfs/tmp"

case "$kind" in
  prometheus) cat > "$context/Dockerfile" <<'DOCKERFILE'
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
  ;;
  node-exporter) cat > "$context/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY rootfs/ /
# Root, as Alloy's image runs: it reads the host's /proc mounted read-only.
EXPOSE 9100
ENTRYPOINT ["/bin/node-exporter"]
DOCKERFILE
  ;;
esac

DOCKER_BUILDKIT=0 docker build --quiet -t "$tag" "$context" >/dev/null
echo "$tag"
