namespace PromptGen.Cli.Init;

/// <summary><c>promptgen init</c> cannot go on (exit code 2): no project, two projects, malformed XML, ...</summary>
internal sealed class InitException(string message) : Exception(message);
