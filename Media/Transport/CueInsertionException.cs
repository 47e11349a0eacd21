namespace Glance.Media.Transport;

/// <summary>A transport stream that <see cref="CueInserter"/> cannot carry a cue in (no program, a PMT that does not fit one packet ...).</summary>
public sealed class CueInsertionException(string message) : Exception(message);
