#!/usr/bin/env bash
# Creates an isolated network-namespace "host" with no route out and runs a command in it.
# Loopback is up; the default route is a blackhole (a dummy device where the kernel has the
# dummy driver), so anything that would leave the namespace is dropped. Usage: scripts/netns-host.sh <name> <command...>
# The namespace is deleted when the command ends.
set -euo pipefail
name=${1:?usage: netns-host.sh NAME COMMAND...}
shift
ns="j8s-$name-$$"
cleanup() { ip netns del "$ns" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$ns"
ip -n "$ns" link set lo up
if ip -n "$ns" link add nowhere type dummy 2>/dev/null; then
  ip -n "$ns" link set nowhere up
  ip -n "$ns" route add default dev nowhere
else
  ip -n "$ns" route add blackhole default
fi
# `ip netns exec` gives the command a fresh /sys (so /sys/class/net lists the namespace's links),
# which hides the cgroup filesystems mounted under /sys/fs/cgroup. Containers (runc) need them:
# mount the same hierarchies again inside (same type and options attach the same hierarchy).
export J8S_CGROUP_MOUNTS
J8S_CGROUP_MOUNTS=$(awk '$5 ~ /^\/sys\/fs\/cgroup/ { split($0, a, " - "); split(a[2], b, " "); print $5, b[1], b[3] }' /proc/self/mountinfo)
remount_cgroups='
while read -r mp fs opts; do
  case "$fs" in
    tmpfs|cgroup|cgroup2) mkdir -p "$mp" 2>/dev/null; mount -t "$fs" -o "$opts" "$fs" "$mp" ||
      echo "j8s: could not mount $fs at $mp inside the namespace; containers will not start" >&2 ;;
  esac
done <<< "$J8S_CGROUP_MOUNTS"
exec "$@"'
echo "j8s: running in isolated network namespace $ns (loopback only, no route out)" >&2
ip netns exec "$ns" bash -c "$remount_cgroups" netns-host "$@"
