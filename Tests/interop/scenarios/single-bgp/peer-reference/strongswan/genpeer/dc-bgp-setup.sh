#!/bin/sh
# stand-in for genpeer output (lab self-test only)
# Host setup for dc-bgp without systemd-networkd: XFRM interface, inside address, forwarding, MSS.
set -e
dev=${1:-eth0}
ip link show ipsec1 >/dev/null 2>&1 || ip link add ipsec1 type xfrm dev "$dev" if_id 1
ip addr replace 169.254.50.2/30 dev ipsec1
ip link set ipsec1 mtu 1399 up
sysctl -q -w net.ipv4.ip_forward=1
nft -f /etc/genpeer/dc-bgp.nft
