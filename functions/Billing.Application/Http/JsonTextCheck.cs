using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace Billing.Application.Http;

/// <summary>
/// What a JSON document's readers would choke on later, found in one pass over its tokens: a string or property name
/// that is not valid Unicode (a lone surrogate escape such as <c>\ud800</c>, or bytes that are not UTF-8), and a property
/// named twice in one object (which of the two counts would be the parser's choice, not the sender's). Not checked here:
/// whether the text is JSON at all (a document that does not parse is left to the route's own reading, which says so).
/// </summary>
public static class JsonTextCheck
{
    /// <summary>The path of the first problem (<c>$</c>, <c>name</c>, <c>plans[0].charges[1].code</c>) and what it is; null when there is none.</summary>
    public static (string Path, string Problem)? FirstProblem(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var containers = new Stack<Container>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        var at = Enter(containers);
                        containers.Push(new Container(at, reader.TokenType == JsonTokenType.StartArray));
                        break;

                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        containers.Pop();
                        break;

                    case JsonTokenType.PropertyName:
                        var owner = containers.Peek();
                        if (!TryText(ref reader, out var name))
                        {
                            return (owner.Path, "holds a property name that is not valid Unicode");
                        }

                        if (!owner.AddName(name))
                        {
                            return (Child(owner.Path, name), "appears twice in one object");
                        }

                        break;

                    case JsonTokenType.String:
                        // Unescaped text only needs to be UTF-8; an escape can also spell a lone surrogate, which only decoding finds.
                        if (reader.ValueIsEscaped ? !TryText(ref reader, out _) : !Utf8.IsValid(reader.ValueSpan))
                        {
                            return (Enter(containers), "holds text that is not valid Unicode");
                        }

                        Count(containers);
                        break;

                    default:
                        Count(containers);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    /// <summary>Counts a value in its array, when it is in one (the path is built only for a problem).</summary>
    private static void Count(Stack<Container> containers)
    {
        if (containers.Count > 0 && containers.Peek() is { IsArray: true } array)
        {
            array.Items++;
        }
    }

    /// <summary>The path of the value about to be read, counting it in its array.</summary>
    private static string Enter(Stack<Container> containers)
    {
        if (containers.Count == 0)
        {
            return "$";
        }

        var container = containers.Peek();
        return container.IsArray
            ? string.Create(CultureInfo.InvariantCulture, $"{container.Path}[{container.Items++}]")
            : Child(container.Path, container.Property ?? string.Empty);
    }

    private static string Child(string path, string name) => path == "$" ? name : path + "." + name;

    private static bool TryText(ref Utf8JsonReader reader, out string text)
    {
        try
        {
            text = reader.GetString() ?? string.Empty;
            return true;
        }
        catch (InvalidOperationException)
        {
            // GetString throws for escapes that are not valid UTF-16 and for bytes that are not valid UTF-8.
            text = string.Empty;
            return false;
        }
    }

    private sealed class Container(string path, bool isArray)
    {
        public string Path { get; } = path;

        public bool IsArray { get; } = isArray;

        public int Items { get; set; }

        public string? Property { get; private set; }

        private HashSet<string>? names;

        /// <summary>Notes the next property's name; false when the object named it before.</summary>
        public bool AddName(string name)
        {
            if (Property is { } first)
            {
                names ??= new HashSet<string>(StringComparer.Ordinal) { first };
                if (!names.Add(name))
                {
                    return false;
                }
            }

            Property = name;
            return true;
        }
    }
}
