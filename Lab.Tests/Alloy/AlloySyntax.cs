using System.Globalization;
using System.Text;

namespace Lab.Tests.Alloy;

/// <summary>An Alloy expression: enough of the language to follow references, calls and literal values.</summary>
public abstract record AlloyExpression(int Line);

/// <summary>A string, number (double), bool or null.</summary>
public sealed record AlloyLiteral(object? Value, int Line) : AlloyExpression(Line);

/// <summary><c>a.b.c</c>: a component export (<c>loki.write.local.receiver</c>) or a stdlib value (<c>constants.hostname</c>).</summary>
public sealed record AlloyReference(IReadOnlyList<string> Path, int Line) : AlloyExpression(Line)
{
    public string Dotted => string.Join('.', Path);
}

/// <summary><c>sys.env("X")</c>, <c>coalesce(a, b)</c>...</summary>
public sealed record AlloyCall(string Function, IReadOnlyList<AlloyExpression> Arguments, int Line) : AlloyExpression(Line);

public sealed record AlloyArray(IReadOnlyList<AlloyExpression> Items, int Line) : AlloyExpression(Line);

public sealed record AlloyObject(IReadOnlyList<KeyValuePair<string, AlloyExpression>> Fields, int Line) : AlloyExpression(Line)
{
    public AlloyExpression? Field(string name) => Fields.FirstOrDefault(f => f.Key == name).Value;
}

/// <summary>Operators, indexing and field access on a computed value: only their operands matter here.</summary>
public sealed record AlloyOperation(string Operator, IReadOnlyList<AlloyExpression> Operands, int Line) : AlloyExpression(Line);

public abstract record AlloyStatement(string File, int Line);

/// <summary>An attribute, <c>name = value</c>, inside a block (or, wrongly, at the top of a file).</summary>
public sealed record AlloyAssignment(string Name, AlloyExpression Value, string File, int Line) : AlloyStatement(File, Line);

/// <summary><c>prometheus.scrape "demo_app" { ... }</c> (a component: name plus label), or <c>logging { ... }</c>.</summary>
public sealed record AlloyBlock(string Name, string? Label, IReadOnlyList<AlloyStatement> Body, string File, int Line)
    : AlloyStatement(File, Line)
{
    /// <summary>What other components write to reach it: <c>prometheus.scrape.demo_app</c>.</summary>
    public string Id => Label is null ? Name : $"{Name}.{Label}";

    public AlloyExpression? Attribute(string name) =>
        Body.OfType<AlloyAssignment>().FirstOrDefault(a => a.Name == name)?.Value;

    public IEnumerable<AlloyBlock> Blocks(string name) => Body.OfType<AlloyBlock>().Where(b => b.Name == name);

    public override string ToString() => $"{Id} ({File}:{Line})";
}

public sealed class AlloySyntaxException(string file, int line, string message)
    : FormatException($"{file}:{line}: {message}");

/// <summary>
/// Tokenizer and parser for Alloy's block syntax (statements end at a newline, <c>//</c> and <c>/* */</c> comments,
/// "..." and `raw` strings, arrays, objects, calls, operators). It checks structure, not component schemas: the
/// arguments themselves were checked against Alloy v1.18.1 when the files were written.
/// </summary>
public static class AlloySyntax
{
    public static IReadOnlyList<AlloyStatement> Parse(string file, string text) => new Parser(file, Tokenize(file, text)).File();

    private enum Kind { Identifier, String, Number, Punctuation, Newline, End }

    private sealed record Token(Kind Kind, string Text, int Line);

    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "&&", "||"];

    private static List<Token> Tokenize(string file, string text)
    {
        var tokens = new List<Token>();
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                tokens.Add(new Token(Kind.Newline, "\n", line++));
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && At(text, i + 1) == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && At(text, i + 1) == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new AlloySyntaxException(file, line, "unterminated /* comment");
                }

                line += text.AsSpan(i, end - i).Count('\n');
                i = end + 2;
            }
            else if (c == '"')
            {
                var start = line;
                tokens.Add(new Token(Kind.String, ReadString(file, text, ref i, ref line), start));
            }
            else if (c == '`')
            {
                var end = text.IndexOf('`', i + 1);
                if (end < 0)
                {
                    throw new AlloySyntaxException(file, line, "unterminated raw string");
                }

                tokens.Add(new Token(Kind.String, text[(i + 1)..end], line));
                line += text.AsSpan(i, end - i).Count('\n');
                i = end + 1;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(Kind.Identifier, text[start..i], line));
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.' || text[i] == 'e' || text[i] == 'E'
                                           || ((text[i] == '+' || text[i] == '-') && (text[i - 1] == 'e' || text[i - 1] == 'E'))))
                {
                    i++;
                }

                tokens.Add(new Token(Kind.Number, text[start..i], line));
            }
            else if (Operators.FirstOrDefault(op => string.CompareOrdinal(text, i, op, 0, 2) == 0) is { } op)
            {
                tokens.Add(new Token(Kind.Punctuation, op, line));
                i += 2;
            }
            else if ("={}[](),.!-+*/%^<>".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new Token(Kind.Punctuation, c.ToString(), line));
                i++;
            }
            else
            {
                throw new AlloySyntaxException(file, line, $"unexpected character '{c}'");
            }
        }

        tokens.Add(new Token(Kind.End, "end of file", line));
        return tokens;
    }

    private static char At(string text, int i) => i < text.Length ? text[i] : '\0';

    private static string ReadString(string file, string text, ref int i, ref int line)
    {
        var value = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length || text[i] == '\n')
            {
                throw new AlloySyntaxException(file, line, "unterminated string");
            }

            var c = text[i++];
            if (c == '"')
            {
                return value.ToString();
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            var escaped = At(text, i++);
            switch (escaped)
            {
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case '"' or '\\': value.Append(escaped); break;
                case 'u' when i + 4 <= text.Length:
                    value.Append((char)int.Parse(text.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: throw new AlloySyntaxException(file, line, $"unknown escape \\{escaped}");
            }
        }
    }

    private sealed class Parser(string file, List<Token> tokens)
    {
        private int position;

        private Token Peek => tokens[position];

        public List<AlloyStatement> File()
        {
            var body = Body();
            Expect(Kind.End, null);
            return body;
        }

        // Statements, each ending at a newline (or at the closing brace / end of file).
        private List<AlloyStatement> Body()
        {
            var statements = new List<AlloyStatement>();
            while (true)
            {
                SkipNewlines();
                if (Peek.Kind == Kind.End || Is("}"))
                {
                    return statements;
                }

                statements.Add(Statement());
                if (Peek.Kind != Kind.Newline && Peek.Kind != Kind.End && !Is("}"))
                {
                    throw Error($"expected a new line after the statement, found '{Peek.Text}'");
                }
            }
        }

        private AlloyStatement Statement()
        {
            var first = Expect(Kind.Identifier, null);
            var name = new List<string> { first.Text };
            while (Is("."))
            {
                position++;
                name.Add(Expect(Kind.Identifier, null).Text);
            }

            if (Is("="))
            {
                if (name.Count > 1)
                {
                    throw Error($"an attribute name cannot contain dots: {string.Join('.', name)}");
                }

                position++;
                return new AlloyAssignment(first.Text, Value(), file, first.Line);
            }

            string? label = Peek.Kind == Kind.String ? tokens[position++].Text : null;
            Expect(Kind.Punctuation, "{");
            var body = Body();
            Expect(Kind.Punctuation, "}");
            return new AlloyBlock(string.Join('.', name), label, body, file, first.Line);
        }

        private static readonly string[][] Precedence =
        [
            ["||"], ["&&"], ["==", "!=", "<", "<=", ">", ">="], ["+", "-"], ["*", "/", "%"], ["^"],
        ];

        private AlloyExpression Value() => Expression(0);

        private AlloyExpression Expression(int level)
        {
            if (level == Precedence.Length)
            {
                return Unary();
            }

            var left = Expression(level + 1);
            while (Peek.Kind == Kind.Punctuation && Precedence[level].Contains(Peek.Text))
            {
                var op = tokens[position++];
                left = new AlloyOperation(op.Text, [left, Expression(level + 1)], op.Line);
            }

            return left;
        }

        private AlloyExpression Unary()
        {
            if (Is("!") || Is("-"))
            {
                var op = tokens[position++];
                return new AlloyOperation(op.Text, [Unary()], op.Line);
            }

            return Postfix(Primary());
        }

        private AlloyExpression Postfix(AlloyExpression value)
        {
            while (true)
            {
                if (Is("."))
                {
                    position++;
                    var field = Expect(Kind.Identifier, null).Text;
                    value = value is AlloyReference reference
                        ? new AlloyReference([.. reference.Path, field], reference.Line)
                        : new AlloyOperation("." + field, [value], value.Line);
                }
                else if (Is("["))
                {
                    position++;
                    var index = InBrackets(Value);
                    Expect(Kind.Punctuation, "]");
                    value = new AlloyOperation("[]", [value, index], value.Line);
                }
                else if (Is("("))
                {
                    if (value is not AlloyReference function)
                    {
                        throw Error("only a named function can be called");
                    }

                    position++;
                    var arguments = Sequence(")", Value);
                    value = new AlloyCall(function.Dotted, arguments, value.Line);
                }
                else
                {
                    return value;
                }
            }
        }

        private AlloyExpression Primary()
        {
            var token = tokens[position++];
            switch (token.Kind)
            {
                case Kind.String:
                    return new AlloyLiteral(token.Text, token.Line);
                case Kind.Number:
                    return new AlloyLiteral(double.Parse(token.Text, CultureInfo.InvariantCulture), token.Line);
                case Kind.Identifier:
                    return token.Text switch
                    {
                        "true" => new AlloyLiteral(true, token.Line),
                        "false" => new AlloyLiteral(false, token.Line),
                        "null" => new AlloyLiteral(null, token.Line),
                        _ => new AlloyReference([token.Text], token.Line),
                    };
                case Kind.Punctuation when token.Text == "[":
                    return new AlloyArray(Sequence("]", Value), token.Line);
                case Kind.Punctuation when token.Text == "{":
                    return new AlloyObject(Sequence("}", Field), token.Line);
                case Kind.Punctuation when token.Text == "(":
                    var inner = InBrackets(Value);
                    Expect(Kind.Punctuation, ")");
                    return inner;
                default:
                    position--;
                    throw Error($"expected a value, found '{token.Text}'");
            }
        }

        private KeyValuePair<string, AlloyExpression> Field()
        {
            var key = tokens[position++];
            if (key.Kind is not (Kind.Identifier or Kind.String))
            {
                position--;
                throw Error($"expected an object key, found '{key.Text}'");
            }

            Expect(Kind.Punctuation, "=");
            return new(key.Text, Value());
        }

        // Comma-separated items up to the closer; new lines are free inside brackets, a trailing comma is allowed.
        private List<T> Sequence<T>(string closer, Func<T> item)
        {
            var items = new List<T>();
            while (true)
            {
                SkipNewlines();
                if (Is(closer))
                {
                    position++;
                    return items;
                }

                items.Add(InBrackets(item));
                SkipNewlines();
                if (Is(","))
                {
                    position++;
                }
                else if (!Is(closer))
                {
                    throw Error($"expected ',' or '{closer}', found '{Peek.Text}'");
                }
            }
        }

        private T InBrackets<T>(Func<T> item)
        {
            SkipNewlines();
            var value = item();
            SkipNewlines();
            return value;
        }

        private void SkipNewlines()
        {
            while (Peek.Kind == Kind.Newline)
            {
                position++;
            }
        }

        private bool Is(string punctuation) => Peek.Kind == Kind.Punctuation && Peek.Text == punctuation;

        private Token Expect(Kind kind, string? text)
        {
            var token = Peek;
            if (token.Kind != kind || (text is not null && token.Text != text))
            {
                throw Error($"expected {text ?? kind.ToString()}, found '{token.Text.Replace("\n", "new line", StringComparison.Ordinal)}'");
            }

            position++;
            return token;
        }

        private AlloySyntaxException Error(string message) => new(file, Peek.Line, message);
    }
}
