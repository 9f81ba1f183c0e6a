namespace SocketIo.Engine.Tests;

public sealed class AssemblyTests
{
    [Fact]
    public void Engine_assembly_loads()
    {
        Assert.Equal("SocketIo.Engine", typeof(SocketIo.Engine.EngineAssembly).Assembly.GetName().Name);
    }
}
