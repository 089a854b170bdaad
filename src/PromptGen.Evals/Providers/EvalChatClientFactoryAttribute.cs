namespace PromptGen.Evals.Providers;

/// <summary>Names the project's <see cref="IEvalChatClientFactory"/>: <c>[assembly: EvalChatClientFactory(typeof(MyFactory))]</c>.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class EvalChatClientFactoryAttribute(Type factoryType) : Attribute
{
    public Type FactoryType { get; } = factoryType ?? throw new ArgumentNullException(nameof(factoryType));
}
