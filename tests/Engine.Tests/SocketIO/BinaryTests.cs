using SocketIo.Engine.SocketIO;

namespace SocketIo.Engine.Tests.SocketIO;

public sealed class BinaryTests
{
    [Fact]
    public void Incoming_attachments_replace_placeholders_at_any_depth()
    {
        var h = new SioHarness();
        var (peer, socket) = h.Join();
        byte[]? first = null;
        ReadOnlyMemory<byte> nested = default;
        socket.On("up", e =>
        {
            first = e.GetArgument<byte[]>(0);
            nested = e.GetArgument<Dictionary<string, ReadOnlyMemory<byte>[]>>(1)!["files"][0];
        });
        peer.Text("52-[\"up\",{\"_placeholder\":true,\"num\":1},{\"files\":[{\"_placeholder\":true,\"num\":0}]}]");
        Assert.Null(first);
        peer.Binary(9, 9);
        Assert.Null(first);
        peer.Binary(1, 2, 3);

        Assert.Equal([1, 2, 3], first);
        Assert.Equal([9, 9], nested.ToArray());
    }

    [Fact]
    public void Outgoing_binary_arguments_become_placeholders_and_attachments()
    {
        var h = new SioHarness();
        var (peer, socket) = h.Join();
        peer.Connection.Clear();
        socket.Emit("file", "name", new byte[] { 1, 2 }, new { inner = new ReadOnlyMemory<byte>([3]) });
        var sent = Assert.Single(peer.Connection.Sent);
        Assert.Equal("52-[\"file\",\"name\",{\"_placeholder\":true,\"num\":0},{\"inner\":{\"_placeholder\":true,\"num\":1}}]", sent.Text);
        Assert.Equal([[1, 2], [3]], sent.Attachments);
    }

    [Fact]
    public void Binary_acks_work_both_ways()
    {
        var h = new SioHarness();
        var (peer, socket) = h.Join();
        socket.On("echo", e => e.AckRaw(e.RawArguments, e.Attachments));
        peer.Connection.Clear();
        peer.Text("51-3[\"echo\",{\"_placeholder\":true,\"num\":0}]");
        peer.Binary(7, 7, 7);
        var ack = Assert.Single(peer.Connection.Sent);
        Assert.Equal("61-3[{\"_placeholder\":true,\"num\":0}]", ack.Text);
        Assert.Equal([[7, 7, 7]], ack.Attachments);

        byte[]? answer = null;
        socket.Emit("give", [], (_, res) => answer = res!.GetArgument<byte[]>(0));
        peer.Text("61-0[{\"_placeholder\":true,\"num\":0}]");
        peer.Binary(5);
        Assert.Equal([5], answer);
    }

    [Fact]
    public void Relayed_binary_keeps_its_attachments_and_plain_args_go_as_plain_event()
    {
        var h = new SioHarness();
        var (a, sa) = h.Join();
        var (b, _) = h.Join();
        sa.On("relay", e => sa.Broadcast.EmitRaw("relayed", e.RawArguments, e.Attachments));
        b.Connection.Clear();
        a.Text("51-[\"relay\",\"x\",{\"_placeholder\":true,\"num\":0}]");
        a.Binary(4, 2);
        a.Text("2[\"relay\",\"plain\"]");
        Assert.Equal("51-[\"relayed\",\"x\",{\"_placeholder\":true,\"num\":0}]", b.Connection.Sent[0].Text);
        Assert.Equal([[4, 2]], b.Connection.Sent[0].Attachments);
        Assert.Equal("2[\"relayed\",\"plain\"]", b.Connection.Sent[1].Text);
    }

    [Theory]
    [InlineData("51-[\"up\",{\"_placeholder\":true,\"num\":1}]")]
    [InlineData("511-[\"up\"]")]
    public void Invalid_binary_headers_close_the_connection(string header)
    {
        var h = new SioHarness();
        var (peer, socket) = h.Join();
        string? reason = null;
        socket.OnDisconnect(r => reason = r);
        peer.Text(header);
        if (!peer.Connection.Closed)
            peer.Binary(1);
        Assert.True(peer.Connection.Closed);
        Assert.Equal(SocketIoDisconnectReason.ForcedClose, reason);
    }

    [Fact]
    public void Text_while_attachments_are_awaited_or_binary_without_header_closes_the_connection()
    {
        var h = new SioHarness();
        var (peer, _) = h.Join();
        peer.Text("51-[\"up\",{\"_placeholder\":true,\"num\":0}]");
        peer.Text("2[\"x\"]");
        Assert.True(peer.Connection.Closed);

        var (other, _) = h.Join();
        other.Binary(1);
        Assert.True(other.Connection.Closed);
    }

    [Fact]
    public void Max_attachments_is_configurable()
    {
        var h = new SioHarness(new SocketIoServerOptions { MaxAttachments = 1 });
        var (peer, _) = h.Join();
        peer.Text("52-[\"up\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        Assert.True(peer.Connection.Closed);
    }
}
