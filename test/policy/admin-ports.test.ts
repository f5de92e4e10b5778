import { ADMIN_PORTS, adminPortsReached, coversEveryPort, rangeText } from "../../policypacks/lib/admin-ports";

describe("the admin ports every cloud's firewall policy guards (HC-NET-06)", () => {
    test("one list: SSH, RDP on TCP and UDP, etcd, the kubelet API and its read-only port", () => {
        expect(ADMIN_PORTS.map((a) => `${a.protocol} ${rangeText(a)} ${a.what}`)).toEqual([
            "tcp 22 SSH",
            "tcp 3389 RDP",
            "udp 3389 RDP",
            "tcp 2379-2380 etcd",
            "tcp 10250 kubelet API",
            "tcp 10255 kubelet read-only port",
        ]);
    });

    test("a range reaches the admin ports it overlaps, for the protocols given", () => {
        expect(adminPortsReached(["tcp"], [{ from: 2380, to: 2400 }]).map((a) => a.what)).toEqual(["etcd"]);
        expect(adminPortsReached(["udp"], [{ from: 1, to: 5000 }]).map((a) => `${a.protocol} ${a.what}`)).toEqual(["udp RDP"]);
        expect(adminPortsReached(["tcp", "udp"], [{ from: 443, to: 443 }])).toEqual([]);
    });

    test("every port: from 0 or 1 to 65535", () => {
        expect(coversEveryPort({ from: 0, to: 65535 })).toBe(true);
        expect(coversEveryPort({ from: 1, to: 65535 })).toBe(true);
        expect(coversEveryPort({ from: 2, to: 65535 })).toBe(false);
    });
});
