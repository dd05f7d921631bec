#!/bin/sh
# stand-in for genpeer output (lab self-test only)
# Host setup for branch-dual without systemd-networkd: the XFRM interfaces, forwarding, MSS clamping.
set -e
dev=${1:-eth0}
for n in 1 2; do
    ip link show "ipsec$n" >/dev/null 2>&1 || ip link add "ipsec$n" type xfrm dev "$dev" if_id "$n"
    ip link set "ipsec$n" mtu 1399 up
done
sysctl -q -w net.ipv4.ip_forward=1
nft -f /etc/genpeer/branch-dual.nft
