#!/usr/bin/env bash
# The one list of host packages j8s needs, by purpose, and their installation.
# Usage: scripts/host-packages.sh [--no-install] [--with-node] build|test|bench|server
#   --no-install   install nothing; print what is missing and fail if anything is
#   --with-node    also the node agent's packages (containerd, runc, CNI plugins, ...)
# J8S_NO_INSTALL=1 in the environment means --no-install.
set -euo pipefail

no_install=${J8S_NO_INSTALL:-0}
with_node=0
purpose=test
for a in "$@"; do
  case "$a" in
    --no-install) no_install=1 ;;
    --with-node) with_node=1 ;;
    build|test|bench|server) purpose=$a ;;
    *) echo "host-packages.sh: unknown argument $a (use --no-install, --with-node, build|test|bench|server)" >&2; exit 2 ;;
  esac
done

# package:binary-that-proves-it-is-there
build_pkgs=(maven:/usr/bin/mvn)
test_pkgs=(etcd-server:/usr/bin/etcd kubectl:/usr/bin/kubectl python3-kubernetes:/usr/lib/python3/dist-packages/kubernetes
  iproute2:/usr/sbin/ip sqlite3:/usr/bin/sqlite3)
# node agent (issue [kubelet], [network], [proxy]): installed only with --with-node
node_pkgs=(containerd:/usr/bin/containerd runc:/usr/sbin/runc containernetworking-plugins:/usr/lib/cni/bridge
  iptables:/usr/sbin/iptables nftables:/usr/sbin/nft conntrack:/usr/sbin/conntrack busybox-static:/bin/busybox
  ipvsadm:/usr/sbin/ipvsadm ipset:/usr/sbin/ipset)
# the node tests' tools (an image registry, image copying, htpasswd for its auth): test with --with-node only
node_test_pkgs=(docker-registry:/usr/bin/docker-registry skopeo:/usr/bin/skopeo umoci:/usr/bin/umoci apache2-utils:/usr/bin/htpasswd)
# the benchmarks' load generators and peers (bench only)
bench_pkgs=(iperf3:/usr/bin/iperf3 dnsperf:/usr/bin/dnsperf dnsmasq:/usr/sbin/dnsmasq haproxy:/usr/sbin/haproxy)

wanted=("${build_pkgs[@]}")
case "$purpose" in test|bench) wanted+=("${test_pkgs[@]}") ;; esac
[ "$with_node" = 1 ] && wanted+=("${node_pkgs[@]}")
[ "$with_node" = 1 ] && [ "$purpose" != build ] && [ "$purpose" != server ] && wanted+=("${node_test_pkgs[@]}")
[ "$purpose" = bench ] && wanted+=("${bench_pkgs[@]}")

missing=()
for entry in "${wanted[@]}"; do
  pkg=${entry%%:*}
  path=${entry#*:}
  [ -e "$path" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$no_install" = 1 ]; then
  echo "j8s: missing host packages (installation refused): ${missing[*]}" >&2
  echo "j8s: install them with: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  echo "j8s: missing host packages: ${missing[*]}; run as root to install them, or: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "j8s: installing host packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || {
  echo "j8s: apt-get could not install: ${missing[*]} (is the package source for kubectl configured?)" >&2
  exit 1
}
