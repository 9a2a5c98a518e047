"""Language tools: sentences, embeddings, entities, quantities, dates, quotes."""
