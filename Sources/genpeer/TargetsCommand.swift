import ArgumentParser
import GenPeerKit

/// Lists the targets.
struct Targets: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "targets", abstract: "List the output targets, one per line.")

    func run() {
        let width = TargetName.allCases.map(\.rawValue.count).max() ?? 0
        for target in TargetName.allCases {
            print(target.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0) + target.summary)
        }
    }
}
