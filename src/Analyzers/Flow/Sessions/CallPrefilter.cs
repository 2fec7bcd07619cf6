using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using IpcAnalyzers.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace IpcAnalyzers.Flow.Sessions;

/// <summary>
/// A fast negative test, before an engine walks a body's operations or builds its graph: false means no call in the
/// body can reach the IPC surface, so the engine's own test on symbols would find nothing; true means only "maybe",
/// and the engine's symbol test decides. It reads the words of the source text (<see cref="TreeWords"/>) and the
/// declarations of the compilation's methods (<see cref="DeclarationIndex"/>), and never binds. A body may matter when
/// it contains a surface name (<see cref="IpcFunctionFacts.MayBeExternName"/>, plus an engine's extra names such as
/// Mem.Write), the name of an extern method (a renamed [DllImport]), or the name of a source method whose declaration
/// may matter in turn (transitively, the way the summaries see helpers; an interface call reaches implementations of
/// the same name, explicit ones included); <c>new</c>, <c>base</c> and <c>this</c> when some source constructor may
/// matter, or an Add method (a collection initializer calls it unnamed); <c>from</c> when a method a query calls
/// unnamed may. Words in comments and strings only make the answer "maybe" more often. A call with no name invokes a
/// delegate, which no engine follows. Answers per name are cached for the compilation, a tree's words for as long as
/// the tree lives.
/// </summary>
internal sealed class CallPrefilter
{
    private const int MaxDepth = 24;
    private static readonly string[] ConstructorWords = ["new", "base", "this"];
    private static readonly string[] QueryMethods = ["Select", "SelectMany", "Where", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "GroupBy", "Join", "GroupJoin", "Cast"];

    private readonly Func<string, bool> isSurfaceName;
    private readonly ConcurrentDictionary<string, bool> names = new(StringComparer.Ordinal);
    private readonly SourceWords source;
    private readonly ConditionalWeakTable<SyntaxTree, int[]> relevantPositions = new();
    private int constructors; // 0 unknown, 1 none may matter, 2 some may

    internal CallPrefilter(SourceWords source, Func<string, bool> isSurfaceName)
    {
        this.source = source;
        this.isSurfaceName = isSurfaceName;
    }

    /// <summary>False when no call in <paramref name="body"/> (the syntax of an operation block root) can reach the surface.</summary>
    internal bool MayCallSurface(SyntaxNode body, CancellationToken cancellationToken)
    {
        var tree = body.SyntaxTree;
        var words = WordsOf(tree, cancellationToken);
        if (words.Opaque) return true;
        // A constructor without an initializer still calls its base constructor, with no word for it in the text.
        if (body is ConstructorDeclarationSyntax && NameMayMatter("base", new Search(cancellationToken))) return true;
        var positions = relevantPositions.GetValue(tree, _ => RelevantPositions(words, cancellationToken));
        var span = body.Span;
        var first = Array.BinarySearch(positions, span.Start);
        if (first < 0) first = ~first;
        return first < positions.Length && positions[first] < span.End;
    }

    private TreeWords WordsOf(SyntaxTree tree, CancellationToken cancellationToken) => source.WordsOf(tree, cancellationToken);

    /// <summary>Where the tree's words that may matter start, in order. Worked out once per tree.</summary>
    private int[] RelevantPositions(TreeWords words, CancellationToken cancellationToken)
    {
        var relevant = new bool[words.Distinct.Count];
        for (var id = 0; id < relevant.Length; id++)
        {
            var word = words.Distinct[id];
            if (isSurfaceName(word) || (names.TryGetValue(word, out var known) && known))
            {
                relevant[id] = true;
                continue;
            }

            if (names.ContainsKey(word)) continue;
            var search = new Search(cancellationToken);
            relevant[id] = NameMayMatter(word, search);
            if (!relevant[id]) CacheAllNo(search);
        }

        var positions = new List<int>();
        for (var i = 0; i < words.Count; i++)
        {
            if (relevant[words.Id(i)]) positions.Add(words.Position(i));
        }

        return positions.ToArray();
    }

    /// <summary>
    /// A search that ends in "no" visited only names reachable from where it started, so none of them can reach the
    /// surface either, however provisional their own answer was.
    /// </summary>
    private void CacheAllNo(Search search)
    {
        foreach (var name in search.Visited) names.TryAdd(name, false);
    }

    private bool NameMayMatter(string name, Search search)
    {
        if (names.TryGetValue(name, out var cached)) return cached;
        if (isSurfaceName(name))
        {
            names.TryAdd(name, true);
            return true;
        }

        if (search.Depth >= MaxDepth) return true;
        // Seen earlier in this search: its answer is being (or was) worked out there. "No" here is only
        // provisional, so nothing that depended on it is cached as "no" (CacheAllNo settles them at the end).
        if (!search.Visited.Add(name))
        {
            search.Provisional = true;
            return false;
        }

        var outerProvisional = search.Provisional;
        search.Provisional = false;
        search.Depth++;
        try
        {
            var index = source.Declarations;
            var result = index.Externs.Contains(name)
                || DeclarationsMayMatter(index.MethodsNamed(name), search)
                || (Array.IndexOf(ConstructorWords, name) >= 0 && (ConstructorsMayMatter(search) || (name == "new" && NameMayMatter("Add", search))))
                || (name == "from" && QueryMethods.Any(method => NameMayMatter(method, search)));
            if (result || !search.Provisional) names.TryAdd(name, result);
            return result;
        }
        finally
        {
            search.Depth--;
            search.Provisional |= outerProvisional;
        }
    }

    private bool DeclarationsMayMatter(IReadOnlyList<SyntaxNode> declarations, Search search)
    {
        foreach (var declaration in declarations)
        {
            var words = WordsOf(declaration.SyntaxTree, search.CancellationToken);
            if (words.Opaque) return true;
            var span = declaration.Span;
            for (var i = words.FirstAtOrAfter(span.Start); i < words.Count && words.Position(i) < span.End; i++)
            {
                if (NameMayMatter(words.Word(i), search)) return true;
            }
        }

        return false;
    }

    /// <summary>Does any source constructor's body (or initializer) reach the surface? Worked out once for the compilation.</summary>
    private bool ConstructorsMayMatter(Search search)
    {
        var state = Volatile.Read(ref constructors);
        if (state != 0) return state == 2;
        if (search.InConstructorScan)
        {
            // Inside the scan itself: a creation matters only if some constructor does, which the scan is finding out.
            search.Provisional = true;
            return false;
        }

        var scan = new Search(search.CancellationToken) { InConstructorScan = true };
        var any = DeclarationsMayMatter(source.Declarations.Constructors, scan);
        if (!any) CacheAllNo(scan);
        Volatile.Write(ref constructors, any ? 2 : 1);
        return any;
    }

    /// <summary>One question's walk: the names met so far (each is worked out once per question) and the recursion depth.</summary>
    private sealed class Search(CancellationToken cancellationToken)
    {
        internal CancellationToken CancellationToken { get; } = cancellationToken;

        internal HashSet<string> Visited { get; } = new(StringComparer.Ordinal);

        internal int Depth { get; set; }

        /// <summary>A "no" met on the way is provisional (a name still being worked out): do not cache a "no" that depends on it.</summary>
        internal bool Provisional { get; set; }

        internal bool InConstructorScan { get; init; }
    }
}

/// <summary>
/// What the prefilters read off the compilation's source, shared by all of them: each tree's words (kept as long as
/// the tree lives, for every compilation that holds it: an IDE edit rereads only the edited tree) and the declaration
/// index (read once per compilation).
/// </summary>
internal sealed class SourceWords
{
    private static readonly ConditionalWeakTable<SyntaxTree, TreeWords> Trees = new();
    private readonly Lazy<DeclarationIndex> declarations;

    internal SourceWords(Compilation compilation)
        => declarations = new Lazy<DeclarationIndex>(() => DeclarationIndex.Read(compilation), LazyThreadSafetyMode.ExecutionAndPublication);

    internal DeclarationIndex Declarations => declarations.Value;

    internal TreeWords WordsOf(SyntaxTree tree, CancellationToken cancellationToken)
        => Trees.GetValue(tree, t => TreeWords.Read(t.GetText(cancellationToken)));
}

/// <summary>
/// The identifier-like words of a source text, in order, with where each starts (comments and strings included). A
/// text with a Unicode escape (<c>sh\u006dat</c>) is opaque: its identifiers cannot be read off the characters. Each
/// distinct word is one string; occurrences are indices into them.
/// </summary>
internal sealed class TreeWords
{
    private readonly string[] distinct;
    private readonly int[] ids;
    private readonly int[] positions;

    private TreeWords(string[] distinct, int[] ids, int[] positions, bool opaque)
    {
        this.distinct = distinct;
        this.ids = ids;
        this.positions = positions;
        Opaque = opaque;
    }

    internal bool Opaque { get; }

    internal int Count => ids.Length;

    internal IReadOnlyList<string> Distinct => distinct;

    internal string Word(int index) => distinct[ids[index]];

    /// <summary>The index in <see cref="Distinct"/> of the word at <paramref name="index"/>.</summary>
    internal int Id(int index) => ids[index];

    internal int Position(int index) => positions[index];

    /// <summary>The index of the first word that starts at or after <paramref name="position"/>.</summary>
    internal int FirstAtOrAfter(int position)
    {
        var index = Array.BinarySearch(positions, position);
        return index < 0 ? ~index : index;
    }

    internal static TreeWords Read(SourceText text)
    {
        var all = text.ToString();
        var table = new WordTable(all);
        var ids = new List<int>(all.Length / 8);
        var positions = new List<int>(all.Length / 8);
        var opaque = false;
        var i = 0;
        while (i < all.Length)
        {
            var c = all[i];
            if (!IsWordStart(c))
            {
                if (c == '\\' && i + 1 < all.Length && all[i + 1] is 'u' or 'U') opaque = true;
                i++;
                continue;
            }

            var start = i;
            var hash = 17;
            while (i < all.Length && IsWordPart(all[i]))
            {
                hash = unchecked((hash * 31) + all[i]);
                i++;
            }

            ids.Add(table.IdOf(start, i - start, hash));
            positions.Add(start);
        }

        return new TreeWords(table.Words.ToArray(), ids.ToArray(), positions.ToArray(), opaque);
    }

    private static bool IsWordStart(char c) => c < 128 ? (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '_') : char.IsLetter(c);

    private static bool IsWordPart(char c) => c < 128 ? (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_') : char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c)
        is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark
        or System.Globalization.UnicodeCategory.ConnectorPunctuation or System.Globalization.UnicodeCategory.Format;

    /// <summary>Distinct words by their characters in the text, without a string per occurrence (open addressing).</summary>
    private sealed class WordTable(string text)
    {
        private int[] slots = Filled(1024);
        private int[] hashes = new int[1024];

        internal List<string> Words { get; } = [];

        internal int IdOf(int start, int length, int hash)
        {
            var mask = slots.Length - 1;
            for (var slot = hash & mask; ; slot = (slot + 1) & mask)
            {
                var id = slots[slot];
                if (id < 0)
                {
                    var word = text.Substring(start, length);
                    Words.Add(word);
                    slots[slot] = Words.Count - 1;
                    hashes[slot] = hash;
                    if (Words.Count * 2 > slots.Length) Grow();
                    return Words.Count - 1;
                }

                if (hashes[slot] == hash && Words[id].Length == length && string.CompareOrdinal(Words[id], 0, text, start, length) == 0) return id;
            }
        }

        private static int[] Filled(int size)
        {
            var array = new int[size];
            for (var i = 0; i < size; i++) array[i] = -1;
            return array;
        }

        private void Grow()
        {
            var oldSlots = slots;
            var oldHashes = hashes;
            slots = Filled(oldSlots.Length * 2);
            hashes = new int[oldSlots.Length * 2];
            var mask = slots.Length - 1;
            for (var i = 0; i < oldSlots.Length; i++)
            {
                if (oldSlots[i] < 0) continue;
                var slot = oldHashes[i] & mask;
                while (slots[slot] >= 0) slot = (slot + 1) & mask;
                slots[slot] = oldSlots[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }
}

/// <summary>
/// The compilation's method and constructor declarations by name (read off the syntax of type members, without
/// descending into bodies or binding), and the names of its extern methods.
/// </summary>
internal sealed class DeclarationIndex
{
    private readonly Dictionary<string, List<SyntaxNode>> methods = new(StringComparer.Ordinal);

    private DeclarationIndex()
    {
    }

    /// <summary>Extern methods and [LibraryImport] partials (any attribute named like *Import*): any may be a libc import under another name.</summary>
    internal HashSet<string> Externs { get; } = new(StringComparer.Ordinal);

    internal List<SyntaxNode> Constructors { get; } = [];

    internal IReadOnlyList<SyntaxNode> MethodsNamed(string name) => methods.TryGetValue(name, out var list) ? list : [];

    internal static DeclarationIndex Read(Compilation compilation)
    {
        var index = new DeclarationIndex();
        foreach (var tree in compilation.SyntaxTrees) index.Visit(tree.GetRoot());
        return index;
    }

    private void Visit(SyntaxNode node)
    {
        switch (node)
        {
            case CompilationUnitSyntax unit:
                foreach (var member in unit.Members) Visit(member);
                break;
            case BaseNamespaceDeclarationSyntax ns:
                foreach (var member in ns.Members) Visit(member);
                break;
            case TypeDeclarationSyntax type:
                foreach (var member in type.Members) Visit(member);
                break;
            case MethodDeclarationSyntax method:
                var name = method.Identifier.ValueText;
                if (method.Modifiers.Any(SyntaxKind.ExternKeyword) || HasImportAttribute(method)) Externs.Add(name);
                if (method.Body is null && method.ExpressionBody is null) break;
                if (!methods.TryGetValue(name, out var list)) methods[name] = list = [];
                list.Add(method);
                break;
            case ConstructorDeclarationSyntax constructor when constructor.Body is not null || constructor.ExpressionBody is not null || constructor.Initializer is not null:
                Constructors.Add(constructor);
                break;
        }
    }

    private static bool HasImportAttribute(MethodDeclarationSyntax method)
    {
        foreach (var list in method.AttributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                if (attribute.Name.ToString().IndexOf("Import", StringComparison.Ordinal) >= 0) return true;
            }
        }

        return false;
    }
}
