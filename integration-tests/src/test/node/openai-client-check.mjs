// Calls Moat's gateway with the official OpenAI client, as a customer's application would, and prints
// what it got as one JSON object. Base URL and key come from MOAT_BASE_URL and MOAT_KEY.
import OpenAI from "openai";

const client = new OpenAI({ baseURL: process.env.MOAT_BASE_URL, apiKey: process.env.MOAT_KEY, maxRetries: 0 });
const messages = [{ role: "user", content: "Say hello" }];
const result = {};

const completion = await client.chat.completions.create({ model: "stub-model", messages });
result.completion = completion.choices[0].message.content;
result.usage = completion.usage;

const stream = await client.chat.completions.create({ model: "stub-model", messages, stream: true });
const chunks = [];
for await (const chunk of stream) {
  chunks.push(chunk.choices[0]?.delta?.content ?? "");
}
result.streamChunks = chunks.length;
result.streamText = chunks.join("");

const models = await client.models.list();
result.models = models.data.map((m) => m.id);

try {
  await new OpenAI({ baseURL: process.env.MOAT_BASE_URL, apiKey: "moat_wrong", maxRetries: 0 })
    .chat.completions.create({ model: "stub-model", messages });
} catch (error) {
  result.wrongKeyStatus = error.status;
  result.wrongKeyCode = error.code;
}

console.log(JSON.stringify(result));
