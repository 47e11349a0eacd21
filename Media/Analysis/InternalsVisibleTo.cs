using System.Runtime.CompilerServices;

// Parsers of ffmpeg's output are internal details, tested directly on recorded lines.
[assembly: InternalsVisibleTo("Glance.Tests")]
[assembly: InternalsVisibleTo("Glance.Benchmarks")]
