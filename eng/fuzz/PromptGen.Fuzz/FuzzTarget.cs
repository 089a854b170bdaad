using System;

namespace PromptGen.Fuzz;

/// <summary>One parser under fuzzing: what it is called on the command line and how one input is fed to it.</summary>
/// <param name="Name">The name <c>eng/fuzz.sh</c> takes.</param>
/// <param name="Description">What the target exercises, for the usage text.</param>
/// <param name="Run">
/// Feeds one input. Throws <see cref="FuzzFinding"/> (or lets any other exception escape) when the parser broke a
/// promise; returns normally when the input was handled as documented, however bad it was.
/// </param>
/// <param name="Seeds">The seed inputs taken from the repository's tests, as file name and content.</param>
internal sealed record FuzzTarget(
    string Name,
    string Description,
    Action<string> Run,
    Func<string, System.Collections.Generic.IEnumerable<(string Name, string Text)>> Seeds);
