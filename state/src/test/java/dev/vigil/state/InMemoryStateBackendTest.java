package dev.vigil.state;

class InMemoryStateBackendTest extends KeyedStoreContract {
    @Override
    StateBackend backend() {
        return new InMemoryStateBackend();
    }
}
