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
echo "j8s: running in isolated network namespace $ns (loopback only, no route out)" >&2
ip netns exec "$ns" "$@"
