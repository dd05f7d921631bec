import Foundation
import Testing
@testable import GenPeerKit

@Suite("Render: what each target's config says")
struct RenderTests {
    private func swanctl(_ json: String, options: NormalizeOptions = NormalizeOptions()) throws -> SwanctlConfig {
        let files = try render(.strongswan, [document(json)], options: options)
        #expect(files.map(\.path) == ["swanctl/conf.d/test.conf"])
        #expect(files[0].holdsSecrets)
        return SwanctlConfig(files[0].contents)
    }

    @Test func swanctlMirrorsTheCloud() throws {
        let config = try swanctl(connectionJSON(top: ["LocalSubnet": "10.0.0.0/16,10.1.0.0/16", "RemoteSubnet": "192.168.10.0/24,192.168.20.0/24"],
                                                ike: ["IkeEncAlg": "aes256", "IkeAuthAlg": "sha256", "IkePfs": "group14", "IkeLifetime": 28800],
                                                ipsec: ["IpsecEncAlg": "aes", "IpsecAuthAlg": "sha512", "IpsecPfs": "group5", "IpsecLifetime": 3600]))
        let c = "connections.test"
        #expect(config["\(c).version"] == "2")
        #expect(config["\(c).remote_addrs"] == "203.0.113.10")
        #expect(config["\(c).local_addrs"] == "%any")
        #expect(config["\(c).local.id"] == "198.51.100.20")
        #expect(config["\(c).remote.id"] == "203.0.113.10")
        #expect(config["\(c).local.auth"] == "psk")
        #expect(config["\(c).proposals"] == "aes256-sha256-modp2048")
        #expect(config.children(of: "\(c).children") == ["test"], "IKEv2 carries every subnet in one child")
        #expect(config["\(c).children.test.local_ts"] == "192.168.10.0/24,192.168.20.0/24")
        #expect(config["\(c).children.test.remote_ts"] == "10.0.0.0/16,10.1.0.0/16")
        #expect(config["\(c).children.test.esp_proposals"] == "aes128-sha512-modp1536")
        #expect(config["\(c).children.test.start_action"] == "start")
        #expect(config["\(c).children.test.dpd_action"] == "restart")
        #expect(config["\(c).aggressive"] == nil)
    }

    @Test func swanctlRenewsBeforeTheCloudsLifetimesEnd() throws {
        let config = try swanctl(connectionJSON(ike: ["IkeLifetime": 28800], ipsec: ["IpsecLifetime": 3600]))
        let c = "connections.test"
        func seconds(_ key: String) -> Int { Int(config[key]!.dropLast())! }
        #expect(seconds("\(c).rekey_time") + seconds("\(c).over_time") == 28800, "the IKE SA's hard end is the cloud's lifetime")
        #expect(seconds("\(c).rekey_time") - seconds("\(c).over_time") > 0)
        #expect(seconds("\(c).children.test.life_time") == 3600)
        #expect(seconds("\(c).children.test.rekey_time") < 3600)
    }

    @Test func swanctlIKEv1UsesOneChildPerPairAndReauthenticates() throws {
        let config = try swanctl(connectionJSON(top: ["LocalSubnet": "10.0.0.0/16,10.1.0.0/16", "RemoteSubnet": "192.168.10.0/24"],
                                                ike: ["IkeVersion": "ikev1", "IkeMode": "aggressive", "IkeLifetime": 86400]))
        let c = "connections.test"
        #expect(config["\(c).version"] == "1")
        #expect(config["\(c).aggressive"] == "yes")
        #expect(config["\(c).rekey_time"] == "0s")
        #expect(config["\(c).reauth_time"].map { Int($0.dropLast())! + Int(config["\(c).over_time"]!.dropLast())! } == 86400)
        #expect(config["\(c).dpd_timeout"] != nil)
        #expect(config.children(of: "\(c).children") == ["test-1", "test-2"])
        #expect(config["\(c).children.test-1.local_ts"] == "192.168.10.0/24")
        #expect(config["\(c).children.test-1.remote_ts"] == "10.0.0.0/16")
        #expect(config["\(c).children.test-2.remote_ts"] == "10.1.0.0/16")
    }

    @Test func pfsDisabledLeavesTheGroupOut() throws {
        let config = try swanctl(connectionJSON(ipsec: ["IpsecPfs": "disabled"]))
        #expect(config["connections.test.children.test.esp_proposals"] == "aes128-sha1")
        let legacy = IPsecConf(try render(.strongswanLegacy, [document(connectionJSON(ipsec: ["IpsecPfs": "disabled"]))])[0].contents)
        #expect(legacy.conn("test")?["esp"] == "aes128-sha1!")
        let libreswan = IPsecConf(try render(.libreswan, [document(connectionJSON(ipsec: ["IpsecPfs": "disabled"]))])[0].contents)
        #expect(libreswan.conn("test")?["esp"] == "aes128-sha1")
        #expect(libreswan.conn("test")?["pfs"] == "no")
    }

    @Test func fqdnIdentitiesAreTypedForEachDaemon() throws {
        let json = connectionJSON(ike: ["LocalId": "vpn.example.com", "RemoteId": "branch.example.com"])
        let options = NormalizeOptions(remoteAddress: IPv4Address("203.0.113.10"))
        let config = try swanctl(json, options: options)
        #expect(config["connections.test.local.id"] == "fqdn:branch.example.com")
        #expect(config["connections.test.remote.id"] == "fqdn:vpn.example.com")
        #expect(config["secrets.ike-test.id-local"] == "fqdn:branch.example.com")
        for target in [TargetName.strongswanLegacy, .libreswan] {
            let files = try render(target, [document(json)], options: options)
            let conn = IPsecConf(files[0].contents).conn("test")
            #expect(conn?["leftid"] == "@branch.example.com")
            #expect(conn?["rightid"] == "@vpn.example.com")
            #expect(conn?["right"] == "203.0.113.10")
            #expect(files[1].contents.contains("\n@branch.example.com @vpn.example.com : PSK \"ExamplePsk123\"\n"))
        }
    }

    @Test("secrets reach each daemon exactly", arguments: ["Plain-Key_1.2", "q\"uo#te$d\\{br}ace;s", "a'b`c|d&e<f>g?h[i]j(k)", "0x41424344", "0sQUJD", "0tabc"])
    func secretsRoundTrip(_ psk: String) throws {
        let json = connectionJSON(ike: ["Psk": psk])
        let swanctlSecret = try swanctl(json)["secrets.ike-test.secret"]
        #expect(swanctlSecret.flatMap { decodeSecret($0, swanctlQuoting: true) } == psk)
        for target in [TargetName.strongswanLegacy, .libreswan] {
            let secrets = try render(target, [document(json)])[1]
            #expect(secrets.holdsSecrets)
            let entry = secrets.contents.split(separator: "\n").first { !$0.hasPrefix("#") }!
            let value = entry.components(separatedBy: " : PSK ")
            #expect(value.first == "198.51.100.20 203.0.113.10")
            #expect(value.last.flatMap { decodeSecret($0) } == psk)
        }
    }

    @Test func legacyWritesOneDropInPairPerConnectionAndNothingOfTheHosts() throws {
        let files = try render(.strongswanLegacy, [sample("describe-vpn-connections.json")])
        #expect(files.map(\.path) == ["ipsec.d/idc-shanghai.conf", "ipsec.d/idc-shanghai.secrets", "ipsec.d/idc-beijing.conf", "ipsec.d/idc-beijing.secrets"])
        #expect(files.map(\.holdsSecrets) == [false, true, false, true])
        for file in files {
            let directives = file.contents.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix(" ") && !$0.isEmpty }
            #expect(directives.allSatisfy { $0.hasPrefix("conn ") || $0.contains(" : PSK ") }, "\(file.path): \(directives)")
        }

        let shanghai = IPsecConf(files[0].contents)
        #expect(shanghai.setup.isEmpty, "config setup is the host's: it applies to every conn")
        #expect(shanghai.conns.map(\.name) == ["idc-shanghai"])
        let conn = try #require(shanghai.conn("idc-shanghai"))
        #expect(conn["keyexchange"] == "ikev1")
        #expect(conn["left"] == "%defaultroute")
        #expect(conn["leftid"] == "198.51.100.20")
        #expect(conn["leftsubnet"] == "192.168.10.0/24")
        #expect(conn["right"] == "203.0.113.10")
        #expect(conn["rightid"] == "203.0.113.10")
        #expect(conn["rightsubnet"] == "10.0.0.0/16")
        #expect(conn["ike"] == "aes128-sha1-modp2048!")
        #expect(conn["esp"] == "aes128-sha1-modp2048!")
        #expect(conn["ikelifetime"] == "86400s")
        #expect(conn["auto"] == "start")
        let beijing = IPsecConf(files[2].contents)
        #expect(beijing.conns.map(\.name) == ["idc-beijing"])
        #expect(beijing.conn("idc-beijing")?["keyexchange"] == "ikev2")
        #expect(beijing.conn("idc-beijing")?["reauth"] == "no")
        #expect(beijing.conn("idc-beijing")?["right"] == "203.0.113.11")
        #expect(beijing.conn("idc-beijing")?["esp"] == "aes256-sha256!")

        #expect(secretEntries(files[1].contents) == ["198.51.100.20 203.0.113.10 : PSK \"ExamplePsk123\""])
        #expect(secretEntries(files[3].contents) == ["198.51.100.20 203.0.113.11 : PSK \"ExamplePsk456\""])
    }

    /// Each drop-in names the one line the stock ipsec.conf or ipsec.secrets needs, and that
    /// line, read from the folder of the including file as starter and charon read a relative
    /// include, takes in the drop-in where Debian and RHEL keep those files.
    @Test func legacyDropInsNameTheIncludeLineThatReadsThem() throws {
        let files = try render(.strongswanLegacy, [sample("describe-vpn-connections.json")])
        for file in files {
            let includes = file.contents.split(separator: "\n").filter { $0.hasPrefix("#   include ") }.map { String($0.dropFirst(4)) }
            let expected = file.path.hasSuffix(".secrets") ? "include ipsec.d/*.secrets" : "include ipsec.d/*.conf"
            #expect(includes == [expected], "\(file.path)")
            let pattern = try #require(includes.first?.split(separator: " ").last.map(String.init))
            for etc in ["/etc", "/etc/strongswan"] {
                #expect(fnmatch("\(etc)/\(pattern)", "\(etc)/\(file.path)", FNM_PATHNAME) == 0, "\(etc): \(pattern) misses \(file.path)")
            }
            let otherKind = file.path.hasSuffix(".secrets") ? "x/ipsec.d/a.conf" : "x/ipsec.d/a.secrets"
            #expect(fnmatch("x/\(pattern)", otherKind, FNM_PATHNAME) != 0)
        }
        #expect(files[0].contents.contains("/etc/ipsec.d/ (Debian, Ubuntu)"))
        #expect(files[0].contents.contains("/etc/strongswan/ipsec.d/ (RHEL, Fedora)"))
    }

    private func secretEntries(_ text: String) -> [String] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
    }

    @Test func libreswanSaysWhatItCannotDo() {
        let cases: [([String: Any?], [String: Any?], String)] = [
            (["IkePfs": "group2"], [:], "IkeConfig.IkePfs: the libreswan target cannot use \"group2\": Libreswan 4.x and 5.x are built without modp1024; set IkePfs to group14 (or group5) on the Alibaba Cloud side"),
            (["IkePfs": "group1"], [:], "IkeConfig.IkePfs: the libreswan target cannot use \"group1\""),
            ([:], ["IpsecPfs": "group24"], "IpsecConfig.IpsecPfs: the libreswan target cannot use \"group24\""),
            ([:], ["IpsecEncAlg": "des"], "IpsecConfig.IpsecEncAlg: the libreswan target cannot use \"des\": Libreswan 4.x and 5.x are built without single DES; set IpsecEncAlg to aes (or aes256) on the Alibaba Cloud side"),
            (["IkeEncAlg": "sm4"], [:], "IkeConfig.IkeEncAlg: the libreswan target cannot use ShangMi"),
        ]
        for (ike, ipsec, expected) in cases {
            let error = failure { _ = try render(.libreswan, [document(connectionJSON(ike: ike, ipsec: ipsec))]) }
            #expect(error?.kind == .data)
            #expect(error?.description.hasPrefix("vco.json: " + expected) == true, "\(error?.description ?? "no error")")
        }
    }

    @Test func libreswanConnReadsRight() throws {
        let diagnostics = DiagnosticCollector()
        let files = try render(.libreswan, [document(connectionJSON(top: ["EnableNatTraversal": false],
            ike: ["IkeVersion": "ikev1", "IkeMode": "aggressive", "IkeEncAlg": "3des", "IkeAuthAlg": "sha256", "IkePfs": "group5"],
            ipsec: ["IpsecEncAlg": "aes192", "IpsecAuthAlg": "md5", "IpsecPfs": "group14"]))], diagnostics: diagnostics)
        #expect(files.map(\.path) == ["ipsec.d/test.conf", "ipsec.d/test.secrets"])
        let conn = try #require(IPsecConf(files[0].contents).conn("test"))
        #expect(conn["ikev2"] == "no")
        #expect(conn["aggressive"] == "yes")
        #expect(conn["ike"] == "3des-sha2_256;modp1536")
        #expect(conn["esp"] == "aes192-md5;modp2048")
        #expect(conn["pfs"] == "yes")
        #expect(conn["encapsulation"] == "no")
        #expect(conn["leftsubnet"] == "192.168.10.0/24")
        #expect(conn["rightsubnet"] == "10.0.0.0/16")
        #expect(diagnostics.diagnostics.contains { $0.message.contains("ikev1-policy=accept") })
    }

    @Test("Libreswan carries several subnets as one Child SA per pair", arguments: [IKEVersion.ikev1, .ikev2])
    func libreswanSeveralSubnets(_ version: IKEVersion) throws {
        let diagnostics = DiagnosticCollector()
        let files = try render(.libreswan, [document(connectionJSON(top: ["LocalSubnet": "10.0.0.0/16,10.1.0.0/16"], ike: ["IkeVersion": version.rawValue]))], diagnostics: diagnostics)
        let conf = IPsecConf(files[0].contents)
        #expect(conf.conns.map(\.name) == ["test"])
        #expect(conf.conn("test")?["leftsubnet"] == "192.168.10.0/24")
        #expect(conf.conn("test")?["rightsubnets"] == "{10.0.0.0/16 10.1.0.0/16}")
        #expect(conf.conn("test")?["rightsubnet"] == nil)
        #expect(conf.conn("test")?["dpdtimeout"] == (version == .ikev1 ? "150" : nil))
        #expect(diagnostics.diagnostics.contains { $0.message.contains(version == .ikev1 ? "Alibaba's IKEv1 carries only one pair" : "one Child SA per subnet pair") })
    }

    @Test func startActionsAreTranslated() throws {
        for (action, swan, auto) in [(StartAction.start, "start", "start"), (.trap, "trap", "route"), (.none, "none", "add")] {
            let options = NormalizeOptions(startAction: action)
            #expect(try swanctl(connectionJSON(), options: options)["connections.test.children.test.start_action"] == swan)
            for target in [TargetName.strongswanLegacy, .libreswan] {
                #expect(IPsecConf(try render(target, [document(connectionJSON())], options: options)[0].contents).conn("test")?["auto"] == auto)
            }
        }
    }

    @Test func sameInputSameBytes() throws {
        for target in TargetName.allCases {
            let input = [TargetName.frr, .bird].contains(target) ? try sample("../Tests/Fixtures/dual-tunnel.json") : try sample("describe-vpn-connections.xml")
            #expect(try render(target, [input]) == render(target, [input]))
        }
    }

    @Test func userTemplatesReplaceBundledOnes() throws {
        try withScratchFolder { directory in
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("libreswan"), withIntermediateDirectories: true)
            try "custom {{header.name}} {{#conns}}{{right}}{{/conns}}\n".write(to: directory.appendingPathComponent("libreswan/conn.mustache"), atomically: false, encoding: .utf8)
            let generator = try Generator(target: .libreswan, options: NormalizeOptions(), templates: try TemplateStore(overrideDirectory: directory))
            let files = try generator.generate([document(connectionJSON())], diagnostics: DiagnosticCollector())
            #expect(files[0].contents == "custom test 203.0.113.10\n")
            #expect(files[1].contents.contains(": PSK"), "files not overridden stay bundled")
        }
    }
}
