namespace PromptGen.Cli;

/// <summary>
/// A command that did its work but could not finish it for a reason outside the command line (a file it must write
/// cannot be written): the message goes to standard error without the usage, and the exit code is 1.
/// </summary>
internal sealed class CommandFailedException(string message, Exception? innerException = null) : Exception(message, innerException);
