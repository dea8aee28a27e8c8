#!/bin/bash
# How wireguard-go reacts to `wg set IF private-key FILE` (see wg-set-private-key.md).
# Two `wireguard-go -f` in network namespaces device-a / device-b joined by a veth pair; tshark on
# A's veth. Run as root; needs wireguard-go, wireguard-tools, tshark, iproute2, iputils-ping.
# Usage: wg-set-private-key.sh [1|2|3|4|all]; leaves pcaps and logs in $DIR.
set -u
DIR=${DIR:-/tmp/device-wg-set-private-key}
mkdir -p "$DIR" && cd "$DIR" && umask 077
setup() {
    for k in a b n c; do [ -f $k.key ] || wg genkey > $k.key; wg pubkey < $k.key > $k.pub; done
    ip netns add device-a; ip netns add device-b
    ip link add device-va type veth peer name device-vb
    ip link set device-va netns device-a; ip link set device-vb netns device-b
    ip -n device-a addr add 192.168.77.1/24 dev device-va; ip -n device-b addr add 192.168.77.2/24 dev device-vb
    ip -n device-a link set device-va up; ip -n device-b link set device-vb up
    ip -n device-a link set lo up; ip -n device-b link set lo up
    export WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD=1 LOG_LEVEL=verbose
    ip netns exec device-a wireguard-go -f device-wa > a.log 2>&1 & echo $! > a.pid
    ip netns exec device-b wireguard-go -f device-wb > b.log 2>&1 & echo $! > b.pid
    sleep 1
    ip netns exec device-a wg set device-wa private-key a.key listen-port 51820 peer $(cat b.pub) endpoint 192.168.77.2:51820 allowed-ips 10.9.0.2/32
    ip netns exec device-b wg set device-wb private-key b.key listen-port 51820 peer $(cat a.pub) endpoint 192.168.77.1:51820 allowed-ips 10.9.0.1/32
    ip -n device-a addr add 10.9.0.1/24 dev device-wa; ip -n device-a link set device-wa up
    ip -n device-b addr add 10.9.0.2/24 dev device-wb; ip -n device-b link set device-wb up
}
teardown() {
    for p in a b; do [ -f $p.pid ] && kill $(cat $p.pid) 2>/dev/null; rm -f $p.pid; done
    [ -f cap.pid ] && kill $(cat cap.pid) 2>/dev/null; rm -f cap.pid
    sleep 0.5
    ip netns del device-a 2>/dev/null; ip netns del device-b 2>/dev/null
    true
}
exp1() {
    # Exp 1: wg set private-key on A while A pings B (0.2 s interval) and B pings A.
    ip netns exec device-a wg set device-wa peer $(cat n.pub) allowed-ips 10.9.0.99/32
    echo "--- A before"; ip netns exec device-a wg show device-wa dump
    ip netns exec device-a tshark -q -i device-va -f 'udp port 51820' -w cap1.pcap > /dev/null 2>&1 & echo $! > cap.pid
    sleep 2
    ip netns exec device-a ping -i 0.2 -c 150 10.9.0.2 > pingA.txt 2>&1 & local pa=$!
    ip netns exec device-b ping -i 0.5 -c 60 10.9.0.1 > pingB.txt 2>&1 & local pb=$!
    sleep 3
    date +%s.%N > tset
    ip netns exec device-a wg set device-wa private-key n.key
    echo "--- A after"; ip netns exec device-a wg show device-wa dump
    sleep 16
    date +%s.%N > tfix
    ip netns exec device-b wg set device-wb peer $(cat a.pub) remove peer $(cat n.pub) endpoint 192.168.77.1:51820 allowed-ips 10.9.0.1/32
    sleep 10
    wait $pa $pb
    tail -n 2 pingA.txt pingB.txt
    kill $(cat cap.pid); rm cap.pid; sleep 1
    echo "--- A end"; ip netns exec device-a wg show device-wa dump
    echo "--- B end"; ip netns exec device-b wg show device-wb dump
}
exp2() {
    # Exp 2: key change 0.4 s after A initiated a handshake; B knows A's new key as a second peer.
    # remove + re-add the peers to start without a session
    ip netns exec device-a wg set device-wa peer $(cat b.pub) remove
    ip netns exec device-a wg set device-wa peer $(cat b.pub) endpoint 192.168.77.2:51820 allowed-ips 10.9.0.2/32
    ip netns exec device-b wg set device-wb peer $(cat a.pub) remove
    ip netns exec device-b wg set device-wb peer $(cat a.pub) endpoint 192.168.77.1:51820 allowed-ips 10.9.0.1/32 peer $(cat n.pub) allowed-ips 10.9.0.3/32
    ip netns exec device-a tshark -q -i device-va -f 'udp port 51820' -w cap2.pcap > /dev/null 2>&1 & echo $! > cap.pid
    sleep 3
    date +%s.%N > t2start
    ip netns exec device-a ping -c 1 -W 1 10.9.0.2 > /dev/null 2>&1 &
    sleep 0.4
    date +%s.%N > t2set
    ip netns exec device-a wg set device-wa private-key n.key
    sleep 0.3
    ip netns exec device-a ping -i 0.5 -c 12 10.9.0.2 > ping2.txt 2>&1  # unanswered: B allows 10.9.0.3 for NEW
    sleep 1
    kill $(cat cap.pid); rm cap.pid
    echo "--- A"; ip netns exec device-a wg show device-wa dump
    echo "--- B"; ip netns exec device-b wg show device-wb dump
}
exp3() {
    # Exp 3: A's initiation pending (B's wireguard-go SIGSTOPped), key change on A, then B resumes and answers.
    ip netns exec device-a wg set device-wa private-key a.key
    ip netns exec device-a wg set device-wa peer $(cat b.pub) remove
    ip netns exec device-a wg set device-wa peer $(cat b.pub) endpoint 192.168.77.2:51820 allowed-ips 10.9.0.2/32
    ip netns exec device-b wg set device-wb peer $(cat a.pub) remove peer $(cat n.pub) remove
    ip netns exec device-b wg set device-wb peer $(cat a.pub) endpoint 192.168.77.1:51820 allowed-ips 10.9.0.1/32
    ip netns exec device-a tshark -q -i device-va -f 'udp port 51820' -w cap3.pcap > /dev/null 2>&1 & echo $! > cap.pid
    sleep 3
    kill -STOP $(cat b.pid)
    ip netns exec device-a ping -c 1 -W 1 10.9.0.2 > /dev/null 2>&1 &
    sleep 0.3
    date +%s.%N > t3set
    ip netns exec device-a wg set device-wa private-key n.key
    sleep 0.3
    kill -CONT $(cat b.pid)
    sleep 12
    kill $(cat cap.pid); rm cap.pid
    echo "--- A"; ip netns exec device-a wg show device-wa dump
    echo "--- B"; ip netns exec device-b wg show device-wb dump
}
exp4() {
    # Exp 4: setting the same private key again during a session.
    ip netns exec device-b wg set device-wb peer $(cat a.pub) remove
    ip netns exec device-b wg set device-wb peer $(cat n.pub) endpoint 192.168.77.1:51820 allowed-ips 10.9.0.1/32
    ip netns exec device-a ping -c 2 -W 2 10.9.0.2 > /dev/null 2>&1
    ip netns exec device-a tshark -q -i device-va -f 'udp port 51820' -w cap4.pcap > /dev/null 2>&1 & echo $! > cap.pid
    sleep 4
    ip netns exec device-a ping -i 0.2 -c 10 10.9.0.2 > ping4.txt 2>&1 & local pa=$!
    sleep 1
    date +%s.%N > t4set
    ip netns exec device-a wg set device-wa private-key n.key
    wait $pa; sleep 1
    kill $(cat cap.pid); rm cap.pid
}
show() { # $1 = pcap, $2 = file holding the epoch of the `wg set`
    tshark -r "$1" -T fields -e frame.time_epoch -e ip.src -e wg.type -e wg.sender -e wg.receiver -e wg.counter \
        2>/dev/null | awk -v t="$(cat "$2")" '{printf "%+.3f %s\n", $1-t, substr($0, index($0,$2))}'
}
trap teardown EXIT
case "${1:-all}" in
    1) setup; exp1; show cap1.pcap tset ;;
    2) setup; exp2; show cap2.pcap t2set ;;
    3) setup; exp3; show cap3.pcap t3set ;;
    4) setup; exp3 >/dev/null; exp4; show cap4.pcap t4set ;;
    all) setup; exp1; show cap1.pcap tset; exp2; show cap2.pcap t2set; exp3; show cap3.pcap t3set; exp4; show cap4.pcap t4set ;;
esac
