namespace SocketIo.Engine.Tests.SocketIO;

/// <summary>How a socket keeps and runs its event handlers (a per-socket list holding the application's delegates).</summary>
public sealed class EventHandlerTests
{
    [Fact]
    public void Handlers_of_one_name_run_in_registration_order_whatever_their_kind()
    {
        var (peer, socket) = new SioHarness().Join();
        var calls = new List<string>();
        socket.On("e", _ => calls.Add("action 1"));
        socket.On("e", _ =>
        {
            calls.Add("func");
            return default;
        });
        socket.On("other", _ => calls.Add("other"));
        socket.On("e", _ => calls.Add("action 2"));

        peer.Text("2[\"e\"]");

        Assert.Equal(["action 1", "func", "action 2"], calls);
    }

    [Fact]
    public void A_throwing_handler_does_not_stop_the_next_one()
    {
        var (peer, socket) = new SioHarness().Join();
        var calls = new List<string>();
        socket.On("e", _ => throw new InvalidOperationException("boom"));
        socket.On("e", _ => calls.Add("second"));

        peer.Text("2[\"e\"]");

        Assert.Equal(["second"], calls);
        Assert.True(socket.Connected);
    }

    [Fact]
    public void Off_removes_every_handler_of_a_name_and_only_those()
    {
        var (peer, socket) = new SioHarness().Join();
        var calls = new List<string>();
        socket.On("a", _ => calls.Add("a1")).On("a", _ => calls.Add("a2")).On("b", _ => calls.Add("b")).On("c", _ => calls.Add("c"));

        socket.Off("a").Off("missing");
        peer.Text("2[\"a\"]");
        peer.Text("2[\"b\"]");
        peer.Text("2[\"c\"]");
        socket.Off("b").Off("c");
        peer.Text("2[\"b\"]");
        socket.On("a", _ => calls.Add("a3"));
        peer.Text("2[\"a\"]");

        Assert.Equal(["b", "c", "a3"], calls);
    }

    [Fact]
    public void Names_are_matched_exactly_escaped_non_ascii_and_long_ones_included()
    {
        var (peer, socket) = new SioHarness().Join();
        var longName = new string('x', 300);
        var seen = new List<string>();
        socket.On("café", e => seen.Add(e.EventName));
        socket.On(longName, e => seen.Add(e.EventName.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        socket.On("caf", e => seen.Add(e.EventName));

        peer.Text("2[\"caf\\u00e9\"]");
        peer.Text("2[\"" + longName + "\"]");
        peer.Text("2[\"cafe\"]");
        peer.Text("2[\"caf\"]");

        Assert.Equal(["café", "300", "caf"], seen);
    }
}
