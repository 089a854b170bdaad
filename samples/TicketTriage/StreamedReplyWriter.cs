using System.IO;
using System.Text;

namespace TicketTriage;

/// <summary>
/// Prints a reply as its text streams in: each line behind a prefix, words wrapped at a width. A word is printed once it
/// is finished (the next space or line break arrived), so a word split across two updates is never broken.
/// </summary>
public sealed class StreamedReplyWriter
{
    private readonly TextWriter _output;
    private readonly string _prefix;
    private readonly int _width;
    private readonly StringBuilder _word = new();
    private int _shownLength;
    private int _column;
    private bool _lineStarted;
    private bool _spaceBeforeWord;

    internal StreamedReplyWriter(TextWriter output, string prefix, int width)
    {
        _output = output;
        _prefix = prefix;
        _width = width;
    }

    /// <summary>Shows the new part of the reply; <paramref name="textSoFar"/> is the whole text streamed so far.</summary>
    public void Show(string textSoFar)
    {
        for (var i = _shownLength; i < textSoFar.Length; i++)
        {
            switch (textSoFar[i])
            {
                case '\n':
                    FlushWord();
                    EndLine();
                    break;
                case '\r':
                    break;
                case ' ' or '\t':
                    FlushWord();
                    _spaceBeforeWord = _lineStarted;
                    break;
                default:
                    _word.Append(textSoFar[i]);
                    break;
            }
        }

        _shownLength = textSoFar.Length;
    }

    /// <summary>Prints the last word and ends the reply's last line.</summary>
    public void Complete()
    {
        FlushWord();
        if (_lineStarted) EndLine();
    }

    private void FlushWord()
    {
        if (_word.Length == 0) return;
        if (!_lineStarted)
        {
            _output.Write(_prefix);
            _lineStarted = true;
        }
        else if (_spaceBeforeWord && _column + 1 + _word.Length > _width)
        {
            _output.WriteLine();
            _output.Write(_prefix);
            _column = 0;
        }
        else if (_spaceBeforeWord)
        {
            _output.Write(' ');
            _column++;
        }

        _output.Write(_word.ToString());
        _column += _word.Length;
        _word.Clear();
        _spaceBeforeWord = false;
    }

    private void EndLine()
    {
        // An empty line between paragraphs keeps the bar, as the whole reply would show it.
        _output.WriteLine(_lineStarted ? string.Empty : _prefix.TrimEnd());
        _lineStarted = false;
        _spaceBeforeWord = false;
        _column = 0;
    }
}
