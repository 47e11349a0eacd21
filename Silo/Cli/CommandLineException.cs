namespace Glance.Silo.Cli;

/// <summary>Bad input on the command line: the process exits with code 2 and this one-line message on stderr.</summary>
public sealed class CommandLineException(string message) : Exception(message);
