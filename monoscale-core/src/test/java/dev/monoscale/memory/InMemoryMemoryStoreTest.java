package dev.monoscale.memory;

class InMemoryMemoryStoreTest extends MemoryStoreContract {

    @Override
    protected MemoryStore newStore() {
        return new InMemoryMemoryStore();
    }
}
