namespace PromptGen.Evals.Providers;

/// <summary>Names the project's <see cref="IEvalChatClientFactory"/>: <c>[assembly: EvalChatClientFactory(typeof(MyFactory))]</c>.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class EvalChatClientFactoryAttribute : Attribute
{
    public EvalChatClientFactoryAttribute(Type factoryType)
    {
        FactoryType = factoryType ?? throw new ArgumentNullException(nameof(factoryType));
    }

    public Type FactoryType { get; }
}
