#!/bin/sh
# stand-in for genpeer output (lab self-test only)
# Host setup for idc-dual without systemd-networkd: XFRM interfaces, inside addresses, forwarding, MSS.
set -e
dev=${1:-eth0}
add() { # name if_id address
    ip link show "$1" >/dev/null 2>&1 || ip link add "$1" type xfrm dev "$dev" if_id "$2"
    ip addr replace "$3" dev "$1"
    ip link set "$1" mtu 1399 up
}
add ipsec1 1 169.254.20.2/30
add ipsec2 2 169.254.10.2/30
sysctl -q -w net.ipv4.ip_forward=1
nft -f /etc/genpeer/idc-dual.nft
