namespace PromptGen.Cli.Arguments;

/// <summary>The command line is wrong (exit code 2): the message says what and where, the usage is shown after it.</summary>
internal sealed class UsageException(string message) : Exception(message);
