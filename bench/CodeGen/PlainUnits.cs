namespace IpcBench.CodeGen;

/// <summary>Ordinary application code with no IPC: what most of a user's solution looks like.</summary>
internal static class PlainUnits
{
    internal static readonly Func<int, Random, string>[] All =
    [
        Orders, Repository, Fetcher, Shapes, Tokenizer, Connection, Inventory, Scheduling,
    ];

    internal static string Header(int file) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Runtime.CompilerServices;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Generated.Plain.M{{file}};

        """;

    private static string Orders(int i, Random r) => $$"""

        public enum OrderStatus{{i}} { Pending, Paid, Shipped, Cancelled }

        public sealed record Order{{i}}(int Id, string Customer, decimal Amount, DateTime Placed, OrderStatus{{i}} Status);

        public sealed class OrderReport{{i}}
        {
            private readonly List<Order{{i}}> orders = new();

            public void Add(Order{{i}} order) => orders.Add(order);

            public IReadOnlyDictionary<string, decimal> TotalsByCustomer() =>
                orders.Where(o => o.Status != OrderStatus{{i}}.Cancelled)
                      .GroupBy(o => o.Customer)
                      .ToDictionary(g => g.Key, g => g.Sum(o => o.Amount));

            public IEnumerable<(string Customer, int Count)> TopCustomers(int n) =>
                orders.GroupBy(o => o.Customer)
                      .Select(g => (g.Key, g.Count()))
                      .OrderByDescending(t => t.Item2)
                      .ThenBy(t => t.Key)
                      .Take(n);

            public decimal AverageForMonth(int year, int month)
            {
                var amounts = from o in orders
                              where o.Placed.Year == year && o.Placed.Month == month
                              select o.Amount;
                return amounts.DefaultIfEmpty().Average();
            }

            public string Describe(Order{{i}} order) => order switch
            {
                { Status: OrderStatus{{i}}.Cancelled } => "cancelled",
                { Amount: > {{1000 + r.Next(100)}}m } => "large",
                { Amount: <= 0m } => "invalid",
                { Placed.DayOfWeek: DayOfWeek.Saturday or DayOfWeek.Sunday } => "weekend",
                _ => "normal",
            };

            public Order{{i}}? Latest() => orders.MaxBy(o => o.Placed);
        }

        """;

    private static string Repository(int i, Random r) => $$"""

        public interface IEntity{{i}}
        {
            int Id { get; }
        }

        public sealed class Repository{{i}}<T> where T : class, IEntity{{i}}
        {
            private readonly Dictionary<int, T> items = new();

            public event EventHandler<T>? Changed;

            public int Count => items.Count;

            public bool TryGet(int id, out T? item) => items.TryGetValue(id, out item);

            public void AddOrUpdate(T item)
            {
                items[item.Id] = item;
                Changed?.Invoke(this, item);
            }

            public bool Remove(int id) => items.Remove(id);

            public IEnumerable<T> Query(Func<T, bool> predicate) => items.Values.Where(predicate).OrderBy(x => x.Id);

            public TResult Aggregate<TResult>(TResult seed, Func<TResult, T, TResult> step) =>
                items.Values.Aggregate(seed, step);
        }

        public sealed class LruCache{{i}}<TKey, TValue> where TKey : notnull
        {
            private readonly int capacity;
            private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> map = new();
            private readonly LinkedList<(TKey Key, TValue Value)> order = new();

            public LruCache{{i}}(int capacity = {{16 + r.Next(64)}}) => this.capacity = capacity;

            public TValue GetOrAdd(TKey key, Func<TKey, TValue> factory)
            {
                if (map.TryGetValue(key, out var node))
                {
                    order.Remove(node);
                    order.AddFirst(node);
                    return node.Value.Value;
                }

                var value = factory(key);
                map[key] = order.AddFirst((key, value));
                if (map.Count > capacity && order.Last is { } last)
                {
                    map.Remove(last.Value.Key);
                    order.RemoveLast();
                }

                return value;
            }
        }

        """;

    private static string Fetcher(int i, Random r) => $$"""

        public sealed class Fetcher{{i}} : IDisposable
        {
            private readonly SemaphoreSlim gate = new({{2 + r.Next(6)}});

            public async Task<int> SumAsync(IEnumerable<int> ids, CancellationToken ct)
            {
                var tasks = ids.Select(id => LoadAsync(id, ct));
                var results = await Task.WhenAll(tasks).ConfigureAwait(false);
                return results.Sum();
            }

            private async Task<int> LoadAsync(int id, CancellationToken ct)
            {
                await gate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    await Task.Yield();
                    return id * {{2 + r.Next(5)}};
                }
                finally
                {
                    gate.Release();
                }
            }

            public async IAsyncEnumerable<string> StreamAsync(int count, [EnumeratorCancellation] CancellationToken ct = default)
            {
                for (var n = 0; n < count; n++)
                {
                    ct.ThrowIfCancellationRequested();
                    await Task.Yield();
                    yield return $"item {n} of {count}";
                }
            }

            public async ValueTask<string?> FirstMatchAsync(Func<string, bool> predicate, CancellationToken ct)
            {
                await foreach (var s in StreamAsync(10, ct).ConfigureAwait(false))
                {
                    if (predicate(s)) return s;
                }

                return null;
            }

            public void Dispose() => gate.Dispose();
        }

        """;

    private static string Shapes(int i, Random r) => $$"""

        public abstract record Shape{{i}};

        public sealed record Circle{{i}}(double Radius) : Shape{{i}};

        public sealed record Rect{{i}}(double Width, double Height) : Shape{{i}};

        public sealed record Polygon{{i}}(IReadOnlyList<(double X, double Y)> Points) : Shape{{i}};

        public static class Geometry{{i}}
        {
            public static double Area(Shape{{i}} shape) => shape switch
            {
                Circle{{i}} { Radius: var rad } => Math.PI * rad * rad,
                Rect{{i}} (var w, var h) when w == h => w * w,
                Rect{{i}} (var w, var h) => w * h,
                Polygon{{i}} p => Shoelace(p.Points),
                _ => throw new ArgumentOutOfRangeException(nameof(shape)),
            };

            private static double Shoelace(IReadOnlyList<(double X, double Y)> pts)
            {
                double sum = 0;
                for (var k = 0; k < pts.Count; k++)
                {
                    var (x1, y1) = pts[k];
                    var (x2, y2) = pts[(k + 1) % pts.Count];
                    sum += (x1 * y2) - (x2 * y1);
                }

                return Math.Abs(sum) / 2;
            }

            public static string Classify(int[] values) => values switch
            {
                [] => "empty",
                [var only] => $"one: {only}",
                [var first, .., var last] when first == last => "same ends",
                [_, _, ..] => "many",
            };

            public static double TotalArea(IEnumerable<Shape{{i}}> shapes) =>
                shapes.Where(s => s is not null).Sum(Area) * {{1 + r.Next(3)}};
        }

        """;

    private static string Tokenizer(int i, Random r) => $$"""

        public enum TokenKind{{i}} { Number, Identifier, Symbol, End }

        public readonly record struct Token{{i}}(TokenKind{{i}} Kind, string Text, int Position);

        public sealed class Tokenizer{{i}}
        {
            public List<Token{{i}}> Tokenize(string text)
            {
                var tokens = new List<Token{{i}}>();
                var span = text.AsSpan();
                var pos = 0;
                while (pos < span.Length)
                {
                    var c = span[pos];
                    if (char.IsWhiteSpace(c))
                    {
                        pos++;
                    }
                    else if (char.IsDigit(c))
                    {
                        var start = pos;
                        while (pos < span.Length && char.IsDigit(span[pos])) pos++;
                        tokens.Add(new Token{{i}}(TokenKind{{i}}.Number, span[start..pos].ToString(), start));
                    }
                    else if (char.IsLetter(c) || c == '_')
                    {
                        var start = pos;
                        while (pos < span.Length && (char.IsLetterOrDigit(span[pos]) || span[pos] == '_')) pos++;
                        tokens.Add(new Token{{i}}(TokenKind{{i}}.Identifier, span[start..pos].ToString(), start));
                    }
                    else
                    {
                        tokens.Add(new Token{{i}}(TokenKind{{i}}.Symbol, c.ToString(), pos));
                        pos++;
                    }
                }

                tokens.Add(new Token{{i}}(TokenKind{{i}}.End, string.Empty, pos));
                return tokens;
            }

            public string Render(IEnumerable<Token{{i}}> tokens)
            {
                var sb = new StringBuilder();
                foreach (var t in tokens)
                {
                    switch (t.Kind)
                    {
                        case TokenKind{{i}}.Number: sb.Append('#').Append(t.Text); break;
                        case TokenKind{{i}}.Identifier: sb.Append(t.Text.ToUpperInvariant()); break;
                        case TokenKind{{i}}.Symbol: sb.Append(' ').Append(t.Text).Append(' '); break;
                        default: break;
                    }
                }

                return sb.ToString();
            }
        }

        """;

    private static string Connection(int i, Random r) => $$"""

        public sealed class ConnectionClosedException{{i}} : Exception
        {
            public ConnectionClosedException{{i}}(string message) : base(message) { }
        }

        public sealed class Connection{{i}} : IDisposable
        {
            private readonly Queue<byte[]> outbox = new();
            private bool disposed;

            public Connection{{i}}(string host, int port = {{1000 + r.Next(60000)}})
            {
                Host = host ?? throw new ArgumentNullException(nameof(host));
                Port = port;
            }

            public string Host { get; }

            public int Port { get; }

            public int Pending => outbox.Count;

            public void Send(ReadOnlySpan<byte> payload)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                if (payload.Length > {{4096 * (1 + r.Next(4))}}) throw new ArgumentException("payload too large", nameof(payload));
                outbox.Enqueue(payload.ToArray());
            }

            public int Flush(Func<byte[], bool> transmit)
            {
                var sent = 0;
                while (outbox.TryPeek(out var next))
                {
                    if (!transmit(next)) throw new ConnectionClosedException{{i}}($"{Host}:{Port} closed");
                    outbox.Dequeue();
                    sent += next.Length;
                }

                return sent;
            }

            public void Dispose()
            {
                if (disposed) return;
                outbox.Clear();
                disposed = true;
            }
        }

        """;

    private static string Inventory(int i, Random r) => $$"""

        public sealed class Inventory{{i}}
        {
            private readonly Dictionary<string, (int Quantity, decimal Price)> stock = new(StringComparer.OrdinalIgnoreCase);

            public void Receive(string sku, int quantity, decimal price)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(quantity);
                stock[sku] = stock.TryGetValue(sku, out var current)
                    ? (current.Quantity + quantity, price)
                    : (quantity, price);
            }

            public bool TryShip(string sku, int quantity, out decimal value)
            {
                value = 0;
                if (!stock.TryGetValue(sku, out var item) || item.Quantity < quantity) return false;
                stock[sku] = item with { Quantity = item.Quantity - quantity };
                value = quantity * item.Price;
                return true;
            }

            public IEnumerable<string> Reorder(int threshold = {{5 + r.Next(20)}}) =>
                stock.Where(kv => kv.Value.Quantity < threshold).Select(kv => kv.Key).Order(StringComparer.Ordinal);

            public decimal Value() => stock.Values.Sum(v => v.Quantity * v.Price);

            public ILookup<char, string> ByInitial() => stock.Keys.ToLookup(k => char.ToUpperInvariant(k[0]));
        }

        """;

    private static string Scheduling(int i, Random r) => $$"""

        public sealed class JobQueue{{i}}
        {
            private readonly PriorityQueue<string, int> queue = new();
            private readonly object sync = new();
            private int completed;

            public void Enqueue(string job, int priority)
            {
                lock (sync) queue.Enqueue(job, priority);
            }

            public async Task<int> DrainAsync(Func<string, Task<bool>> run, CancellationToken ct)
            {
                while (!ct.IsCancellationRequested)
                {
                    string? job;
                    lock (sync)
                    {
                        if (!queue.TryDequeue(out job, out _)) break;
                    }

                    if (await run(job).ConfigureAwait(false)) Interlocked.Increment(ref completed);
                }

                return Volatile.Read(ref completed);
            }

            public static IEnumerable<int> Fibonacci(int limit = {{20 + r.Next(30)}})
            {
                int a = 0, b = 1;
                for (var k = 0; k < limit; k++)
                {
                    yield return a;
                    (a, b) = (b, a + b);
                }
            }

            public static T Max<T>(IEnumerable<T> items) where T : IComparable<T> =>
                items.Aggregate((x, y) => x.CompareTo(y) >= 0 ? x : y);
        }

        """;
}
