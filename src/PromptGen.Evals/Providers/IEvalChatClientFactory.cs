using Microsoft.Extensions.AI;

namespace PromptGen.Evals.Providers;

/// <summary>
/// The hook for a user-supplied model client: implement this in the project that has the evals (public class with a
/// public parameterless constructor) and name it with <c>[assembly: EvalChatClientFactory(typeof(MyFactory))]</c> or the
/// MSBuild property <c>PromptGenEvalClientFactory</c> (<c>Namespace.MyFactory, MyAssembly</c>). PromptGen then wraps the
/// clients it returns with its recording, retry, concurrency and budget layers, exactly as for the built-in provider.
/// </summary>
public interface IEvalChatClientFactory
{
    /// <summary>The chat client for <paramref name="role"/> (<see cref="EvalClientRole.App"/> or <see cref="EvalClientRole.Judge"/>).</summary>
    /// <param name="role">What the client is for.</param>
    /// <param name="options">The resolved provider settings (model names, endpoint, ...), for factories that want them.</param>
    IChatClient CreateChatClient(EvalClientRole role, EvalProviderOptions options);

    /// <summary>The embedding generator for the <c>similar</c> assertion, or <c>null</c> to use the built-in provider.</summary>
    IEmbeddingGenerator<string, Embedding<float>>? CreateEmbeddingGenerator(EvalProviderOptions options) => null;
}
