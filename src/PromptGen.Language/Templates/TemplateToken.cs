namespace PromptGen.Language.Templates;

/// <summary>Token kinds of the Handlebars lexer (same names as Handlebars' grammar).</summary>
internal enum TokenKind
{
    Content,
    Comment,
    Open,
    OpenUnescaped,
    OpenBlock,
    OpenInverse,
    OpenInverseChain,
    OpenEndBlock,
    OpenPartial,
    OpenPartialBlock,
    OpenRawBlock,
    CloseRawBlock,
    EndRawBlock,
    Inverse,
    Close,
    CloseUnescaped,
    OpenSexpr,
    CloseSexpr,
    Id,
    Sep,
    Equals,
    Data,
    String,
    Number,
    Boolean,
    Undefined,
    Null,
    OpenBlockParams,
    CloseBlockParams,
    Invalid,
    Eof,
}

/// <summary>A token with its template-relative range. <see cref="Raw"/> is the matched text, <see cref="Text"/> its value.</summary>
internal readonly record struct TemplateToken(TokenKind Kind, int Start, int End, string Raw, string Text)
{
    /// <summary>Handlebars' stripFlags: <c>~</c> right after <c>{{</c>.</summary>
    public bool OpenTilde => Raw.Length > 2 && Raw[2] == '~';

    /// <summary>Handlebars' stripFlags: <c>~</c> right before the final <c>}}</c>.</summary>
    public bool CloseTilde => Raw.Length >= 3 && Raw[Raw.Length - 3] == '~';

    public override string ToString() => $"{Kind} '{Raw}' @{Start}";
}
