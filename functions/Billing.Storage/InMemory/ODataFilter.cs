using System.Globalization;
using Billing.Storage.Tables;

namespace Billing.Storage.InMemory;

/// <summary>
/// The subset of OData <c>$filter</c> the Table service accepts, evaluated against twin entities:
/// comparisons (eq ne gt ge lt le) between a property and a literal, <c>and</c>, <c>or</c>, <c>not</c>, parentheses,
/// and a bare boolean property. Literals: 'string' (quotes doubled), 1 (Int32), 1L (Int64), 1.5 (Double), true/false,
/// datetime'...', guid'...', X'hex'/binary'hex'. As on the service, a comparison with a property the entity lacks,
/// or of a different type, is false. Not included: arithmetic, functions, null literals.
/// </summary>
internal sealed class ODataFilter
{
    private readonly Func<TableEntity, bool> predicate;

    private ODataFilter(Func<TableEntity, bool> predicate) => this.predicate = predicate;

    public static ODataFilter Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return new ODataFilter(_ => true);
        }

        var parser = new Parser(Tokenize(filter));
        Func<TableEntity, bool> predicate = parser.ParseOr();
        parser.ExpectEnd();
        return new ODataFilter(predicate);
    }

    public bool Matches(TableEntity entity) => predicate(entity);

    private static object? Lookup(TableEntity entity, string name) => name switch
    {
        "PartitionKey" => entity.PartitionKey,
        "RowKey" => entity.RowKey,
        "Timestamp" => entity.Timestamp,
        _ => entity.Properties.GetValueOrDefault(name),
    };

    private static bool Compare(object? left, string op, object? right)
    {
        int? order = (left, right) switch
        {
            (null, _) or (_, null) => null,
            (string a, string b) => string.CompareOrdinal(a, b),
            (bool a, bool b) => op is "eq" or "ne" ? a.CompareTo(b) : null,
            (double or int or long, double) or (double, int or long) => Convert.ToDouble(left, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(right, CultureInfo.InvariantCulture)),
            (int or long, int or long) => Convert.ToInt64(left, CultureInfo.InvariantCulture).CompareTo(Convert.ToInt64(right, CultureInfo.InvariantCulture)),
            (DateTimeOffset a, DateTimeOffset b) => a.CompareTo(b),
            (Guid a, Guid b) => a.CompareTo(b),
            (byte[] a, byte[] b) => op is "eq" or "ne" ? (a.AsSpan().SequenceEqual(b) ? 0 : 1) : null,
            _ => null,
        };

        return order is int o && op switch
        {
            "eq" => o == 0,
            "ne" => o != 0,
            "gt" => o > 0,
            "ge" => o >= 0,
            "lt" => o < 0,
            "le" => o <= 0,
            _ => false,
        };
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(new Token(TokenKind.Symbol, c.ToString(), null));
                i++;
            }
            else if (c == '\'')
            {
                (string value, int next) = Quoted(text, i);
                tokens.Add(new Token(TokenKind.Literal, value, value));
                i = next;
            }
            else if (char.IsDigit(c) || (c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                int start = i++;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] is '.' or 'e' or 'E' || (text[i] is '+' or '-' && text[i - 1] is 'e' or 'E')))
                {
                    i++;
                }

                string number = text[start..i];
                if (i < text.Length && text[i] is 'L' or 'l')
                {
                    i++;
                    tokens.Add(new Token(TokenKind.Literal, number, long.Parse(number, CultureInfo.InvariantCulture)));
                }
                else if (number.AsSpan().IndexOfAny(".eE") >= 0)
                {
                    tokens.Add(new Token(TokenKind.Literal, number, double.Parse(number, CultureInfo.InvariantCulture)));
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Literal, number, int.Parse(number, CultureInfo.InvariantCulture)));
                }
            }
            else if (char.IsLetter(c) || c == '_')
            {
                int start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }

                string word = text[start..i];
                if (i < text.Length && text[i] == '\'')
                {
                    (string raw, int next) = Quoted(text, i);
                    i = next;
                    tokens.Add(new Token(TokenKind.Literal, word + "'" + raw + "'", TypedLiteral(word, raw)));
                }
                else if (word is "true" or "false")
                {
                    tokens.Add(new Token(TokenKind.Literal, word, word == "true"));
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Word, word, null));
                }
            }
            else
            {
                throw Invalid($"unexpected character '{c}' at {i}");
            }
        }

        return tokens;
    }

    private static (string Value, int Next) Quoted(string text, int quote)
    {
        var value = new System.Text.StringBuilder();
        int i = quote + 1;
        while (i < text.Length)
        {
            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    value.Append('\'');
                    i += 2;
                    continue;
                }

                return (value.ToString(), i + 1);
            }

            value.Append(text[i++]);
        }

        throw Invalid("unterminated string literal");
    }

    private static object TypedLiteral(string prefix, string raw) => prefix.ToLowerInvariant() switch
    {
        "datetime" => EdmDateTime.Parse(raw),
        "guid" => Guid.Parse(raw, CultureInfo.InvariantCulture),
        "x" or "binary" => Convert.FromHexString(raw),
        _ => throw Invalid($"unknown literal type '{prefix}'"),
    };

    private static StorageRequestFailedException Invalid(string why) =>
        TwinErrors.BadRequest("InvalidInput", $"Query filter ({why})");

    private enum TokenKind
    {
        Word,
        Literal,
        Symbol,
    }

    private sealed record Token(TokenKind Kind, string Text, object? Value);

    private sealed class Parser(List<Token> tokens)
    {
        private static readonly HashSet<string> Comparisons = ["eq", "ne", "gt", "ge", "lt", "le"];
        private int position;

        public Func<TableEntity, bool> ParseOr()
        {
            Func<TableEntity, bool> left = ParseAnd();
            while (TakeWord("or"))
            {
                Func<TableEntity, bool> l = left, right = ParseAnd();
                left = e => l(e) || right(e);
            }

            return left;
        }

        public void ExpectEnd()
        {
            if (position < tokens.Count)
            {
                throw Invalid($"unexpected '{tokens[position].Text}'");
            }
        }

        private Func<TableEntity, bool> ParseAnd()
        {
            Func<TableEntity, bool> left = ParseUnary();
            while (TakeWord("and"))
            {
                Func<TableEntity, bool> l = left, right = ParseUnary();
                left = e => l(e) && right(e);
            }

            return left;
        }

        private Func<TableEntity, bool> ParseUnary()
        {
            if (TakeWord("not"))
            {
                Func<TableEntity, bool> inner = ParseUnary();
                return e => !inner(e);
            }

            if (Peek() is { Kind: TokenKind.Symbol, Text: "(" })
            {
                position++;
                Func<TableEntity, bool> inner = ParseOr();
                if (Next() is not { Kind: TokenKind.Symbol, Text: ")" })
                {
                    throw Invalid("missing ')'");
                }

                return inner;
            }

            Token left = Next() ?? throw Invalid("expression ends early");
            if (Peek() is { Kind: TokenKind.Word } op && Comparisons.Contains(op.Text.ToLowerInvariant()))
            {
                position++;
                Token right = Next() ?? throw Invalid("comparison has no right operand");
                string comparison = op.Text.ToLowerInvariant();
                return e => Compare(Operand(e, left), comparison, Operand(e, right));
            }

            if (left.Kind == TokenKind.Word)
            {
                return e => Lookup(e, left.Text) is true;
            }

            throw Invalid($"'{left.Text}' is not a condition");
        }

        private static object? Operand(TableEntity entity, Token token) =>
            token.Kind == TokenKind.Word ? Lookup(entity, token.Text) : token.Value;

        private bool TakeWord(string word)
        {
            if (Peek() is { Kind: TokenKind.Word } token && token.Text.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                position++;
                return true;
            }

            return false;
        }

        private Token? Peek() => position < tokens.Count ? tokens[position] : null;

        private Token? Next() => position < tokens.Count ? tokens[position++] : null;
    }
}
