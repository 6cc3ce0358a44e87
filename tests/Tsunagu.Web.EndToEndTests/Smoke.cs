public class Smoke { [Fact] public void Runs() => 1.ShouldBe(1); }
