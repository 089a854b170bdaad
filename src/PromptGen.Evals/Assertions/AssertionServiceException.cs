namespace PromptGen.Evals.Assertions;

/// <summary>
/// A judge or embedding call failed, is not configured, or answered something unreadable. The trial could not be judged:
/// runners report it as an infrastructure error (PG1004), never as a failed assertion or a regression.
/// </summary>
public sealed class AssertionServiceException(string message, Exception? innerException = null) : Exception(message, innerException);
