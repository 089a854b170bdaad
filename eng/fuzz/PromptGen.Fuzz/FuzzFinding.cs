using System;

namespace PromptGen.Fuzz;

/// <summary>A broken promise that is not an exception of its own: a diagnostic without a usable location, output that is not JSON.</summary>
internal sealed class FuzzFinding : Exception
{
    public FuzzFinding(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
