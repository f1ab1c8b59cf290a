import Plotting

extension Interpreter {
  /// Whether pictures are coloured now: the screen can show colour and `set colors` did not
  /// turn it off.
  var drawsInColour: Bool { screen.colour && colourChoice != "off" }

  /// The palette pictures use: `set colors`'s choice, else the screen's.
  var palette: Palette { colourChoice.flatMap(Palette.init(rawValue:)) ?? screen.palette }
}
