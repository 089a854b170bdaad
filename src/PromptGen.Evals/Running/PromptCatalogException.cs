namespace PromptGen.Evals.Running;

/// <summary>The prompt catalog of a built assembly could not be loaded (reported as PG1004: an infrastructure error).</summary>
public sealed class PromptCatalogException(string message, Exception? innerException = null) : Exception(message, innerException);
