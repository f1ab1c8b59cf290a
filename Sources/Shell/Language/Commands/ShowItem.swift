import Optimization

/// One name after `show`: a quantity (possibly one entry of it), a setting, or a group.
///
/// A name that is both a quantity and a setting (`loss`) is the quantity: `show loss` prints
/// the loss, `show settings` the loss function.
public enum ShowItem: Equatable, Sendable {
  case quantity(QuantityRef)
  case setting(Setting)
  case group(ShowGroup)
}

/// The names `show` accepts for several things at once (see ``Vocabulary/groups``).
public enum ShowGroup: String, CaseIterable, Sendable {
  case settings, state, all, timeline, schedule, data, convention

  /// What the group shows, for help.
  var summary: String {
    switch self {
    case .settings: return "every setting of the current optimizer"
    case .state: return "every quantity of the current optimizer"
    case .all: return "settings and state"
    case .timeline: return "the start and the changes made along the run"
    case .schedule: return "η's schedule: kind, parameters, counting, η now and next"
    case .data: return "the loaded data set"
    case .convention: return "the current convention and what it changes"
    }
  }
}
