// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "adalab",
  products: [
    .executable(name: "adalab", targets: ["adalab"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    .package(url: "https://github.com/onevcat/Rainbow", from: "4.2.2"),
    .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
  ],
  targets: [
    .target(
      name: "Optimization",
      dependencies: [.product(name: "CSV", package: "CSV.swift")],
      // LLVM's SLP vectoriser packs the tight loop's two coordinates (w and b) into one
      // register, and the packing and unpacking lengthen the chain from one update to the
      // next: with it on, per-point momentum, NAG and AdaDelta ran 1.15x to 1.32x their C
      // loops; with it off, 1.07x to 1.12x (Benchmarks/run.sh matrix). Loops are still
      // vectorised (the loop vectoriser is another pass); bits are the same either way.
      swiftSettings: [.unsafeFlags(["-Xllvm", "-vectorize-slp=false"])]
    ),
    .target(name: "Plotting"),
    .target(name: "Notebooks", dependencies: [.product(name: "Ink", package: "Ink")]),
    .target(name: "Shell", dependencies: ["Optimization", "Plotting", "Notebooks"]),
    .systemLibrary(
      name: "CEditLine",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]
    ),
    .executableTarget(
      name: "adalab",
      dependencies: [
        "Shell", "CEditLine", "Rainbow",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "SystemPackage", package: "swift-system"),
      ]
    ),
    .testTarget(name: "OptimizationTests", dependencies: ["Optimization"]),
    .testTarget(name: "ShellTests", dependencies: ["Shell"]),
    .testTarget(name: "CLITests", dependencies: ["adalab"]),
    .testTarget(name: "PlottingTests", dependencies: ["Plotting"]),
    .testTarget(name: "NotebooksTests", dependencies: ["Notebooks"]),
  ]
)
