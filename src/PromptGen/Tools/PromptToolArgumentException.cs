namespace PromptGen.Tools;

/// <summary>
/// The model called a tool with arguments that do not fit the method: a required argument is missing or null, or a
/// value has the wrong JSON type. Function invocation reports it back to the model as the call's error.
/// </summary>
public sealed class PromptToolArgumentException : ArgumentException
{
    /// <summary>Creates the exception for one argument.</summary>
    /// <param name="message">What is wrong, naming the argument.</param>
    /// <param name="argumentName">The argument's name as the model sees it.</param>
    public PromptToolArgumentException(string message, string argumentName)
        : base(message, argumentName)
    {
    }
}
