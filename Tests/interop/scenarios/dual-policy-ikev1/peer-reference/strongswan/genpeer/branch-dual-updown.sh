#!/bin/sh
# stand-in for genpeer output (lab self-test only)
# strongSwan updown for branch-dual: the routes to the cloud prefixes follow each tunnel's CHILD_SA;
# the master (ipsec1) has the lower metric, so traffic takes it while it is up.
case "$PLUTO_CONNECTION" in
    branch-dual-t1) dev=ipsec1 metric=100 ;;
    branch-dual-t2) dev=ipsec2 metric=200 ;;
    *) exit 0 ;;
esac
prefixes="10.40.0.0/16"
case "$PLUTO_VERB" in
    up-client)
        for p in $prefixes; do ip route replace "$p" dev "$dev" metric "$metric"; done ;;
    down-client)
        for p in $prefixes; do ip route del "$p" dev "$dev" metric "$metric" 2>/dev/null || true; done ;;
esac
exit 0
