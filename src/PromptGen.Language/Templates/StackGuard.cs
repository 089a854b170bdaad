using System.Runtime.CompilerServices;

namespace PromptGen.Language.Templates;

/// <summary>
/// Deeply nested templates (up to the nesting caps) can need more stack than a caller's thread has. Recursive
/// walkers call <see cref="Check"/>; when the stack runs low the whole operation is re-run once on a thread with a
/// large stack, so depth is bounded only by the caps and never ends in a stack overflow.
/// </summary>
public static class StackGuard
{
    private const int LargeStackBytes = 256 * 1024 * 1024;

    public static void Check() => RuntimeHelpers.EnsureSufficientExecutionStack();

    public static T Run<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (InsufficientExecutionStackException)
        {
            T result = default!;
            Exception? error = null;
            var thread = new Thread(() =>
            {
                try
                {
                    result = operation();
                }
                catch (Exception e)
                {
                    error = e;
                }
            }, LargeStackBytes);
            thread.Start();
            thread.Join();
            if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
            return result;
        }
    }
}
