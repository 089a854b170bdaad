namespace PromptGen.LanguageServer.Protocol;

/// <summary>An error a request handler returns to the client as a JSON-RPC error response.</summary>
internal sealed class LspException : Exception
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ServerNotInitialized = -32002;
    public const int RequestFailed = -32803;

    public LspException(int code, string message)
        : base(message) => Code = code;

    public int Code { get; }
}
