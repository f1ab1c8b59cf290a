import Foundation
import Testing

@testable import Optimization

/// The notes' three code listings, against a line-by-line Python port of each
/// (Fixtures/listings.json), with no teacher forcing: the whole 100-update run must agree.
@Suite struct ListingTests {
  struct File: Decodable {
    struct Entry: Decodable {
      var name: String
      var max_epochs: Int
      var steps: [String: [Fixtures.Row]]
    }
    var listings: [Entry]
  }

  @Test(arguments: Listing.allCases)
  func reproducesTheListing(_ listing: Listing) throws {
    let file = try Fixtures.decode(File.self, "listings.json")
    let entry = try #require(file.listings.first { $0.name == listing.rawValue })
    var session = Session(setup: listing.setup)
    var worst = 0.0
    for k in 0..<(entry.max_epochs * 2) {
      _ = session.step(1)
      for (name, rows) in entry.steps {
        let quantity = try #require(Quantity(rawValue: name))
        let actual: [Double]
        switch session.value(of: quantity) {
        case .scalar(let x): actual = [x]
        case .vector(let xs): actual = xs
        }
        for (a, e) in zip(actual, rows[k].values) {
          let scale = max(abs(a), abs(e))
          if scale > 0 { worst = max(worst, abs(a - e) / scale) }
        }
      }
    }
    #expect(worst <= 1e-12, "\(listing.rawValue): worst relative error \(worst)")
    #expect(session.epoch == entry.max_epochs)
  }

  /// The epoch-counted power really differs from the update-counted one.
  @Test func epochPowerIsNotUpdatePower() {
    var listing = Session(setup: Listing.doAdamSGD.setup)
    var setup = Listing.doAdamSGD.setup
    setup.hyperparameters.biasPower = .update
    var corrected = Session(setup: setup)
    _ = listing.step(2)
    _ = corrected.step(2)
    #expect(listing.state.parameters != corrected.state.parameters)
  }
}
