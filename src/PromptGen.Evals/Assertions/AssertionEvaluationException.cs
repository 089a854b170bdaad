namespace PromptGen.Evals.Assertions;

/// <summary>
/// An assertion could not be evaluated on an output, for example a <c>regex</c> that ran past its time limit. Nothing
/// is known about the output's quality: runners report the trial as an error (PG1004, ERROR), never as a failed
/// assertion, so it can never become a regression.
/// </summary>
public sealed class AssertionEvaluationException(string message, Exception? innerException = null) : Exception(message, innerException);
