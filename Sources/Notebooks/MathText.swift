/// Mathematics written between dollars (`$\hat{m} = m/(1 - \beta_1^t)$`), shown in a page
/// with no script and no font of its own: as text that reads well.
///
/// Greek letters and common operators become their characters (`\beta` → β, `\sqrt` → √,
/// `\cdot` → ·), `_x` and `^{…}` become `<sub>` and `<sup>`, `\hat{m}` puts a hat on m,
/// `\frac{a}{b}` reads (a)/(b). Anything else is kept as written. Forges and Jupyter get
/// the dollars untouched and typeset them themselves.
public enum MathText {
  static let symbols: [String: String] = [
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "eta": "η", "theta": "θ", "lambda": "λ", "mu": "μ", "rho": "ρ", "sigma": "σ", "tau": "τ",
    "Delta": "Δ", "Sigma": "Σ", "sum": "Σ", "prod": "Π", "infty": "∞", "cdot": "·",
    "times": "×", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠",
    "approx": "≈", "leftarrow": "←", "gets": "←", "to": "→", "rightarrow": "→", "pm": "±",
    "partial": "∂", "nabla": "∇", "in": "∈", "max": "max", "min": "min", "log": "log",
    "exp": "exp", "sqrt": "√", "quad": " ", ",": " ", ";": " ", " ": " ", "{": "{", "}": "}",
    "left": "", "right": "", "mathrm": "", "text": "", "operatorname": "",
  ]

  /// XHTML for the expression.
  public static func html(_ expression: String) -> String {
    var reader = Reader(characters: Array(expression))
    return reader.sequence(until: nil)
  }

  struct Reader {
    let characters: [Character]
    var index = 0

    /// Items up to `end` (consumed) or the end of the text.
    mutating func sequence(until end: Character?) -> String {
      var out = ""
      while index < characters.count {
        if let end, characters[index] == end {
          index += 1
          return out
        }
        out += item()
      }
      return out
    }

    /// One item: a group, a command, a sub- or superscript, or a character.
    mutating func item() -> String {
      let character = characters[index]
      index += 1
      switch character {
      case "{": return sequence(until: "}")
      case "_": return "<sub>\(argument())</sub>"
      case "^": return "<sup>\(argument())</sup>"
      case "\\": return command()
      default: return Notebook.escape(String(character))
      }
    }

    /// The next item, or a braced group, as one argument.
    mutating func argument() -> String {
      guard index < characters.count else { return "" }
      return item()
    }

    mutating func command() -> String {
      var name = ""
      while index < characters.count, characters[index].isLetter {
        name.append(characters[index])
        index += 1
      }
      if name.isEmpty, index < characters.count {
        name = String(characters[index])
        index += 1
      }
      switch name {
      case "hat", "bar", "tilde":
        let mark = ["hat": "\u{302}", "bar": "\u{304}", "tilde": "\u{303}"][name]!
        return argument() + mark
      case "frac":
        let numerator = argument()
        let denominator = argument()
        return "(\(numerator))/(\(denominator))"
      case "sqrt":
        return "√(\(argument()))"
      default:
        return MathText.symbols[name] ?? Notebook.escape("\\" + name)
      }
    }
  }
}
