// Preloaded into Portkey's gateway by ops/bench/gateway (node --import): the gateway binds every interface
// and has no option for the address, so a listen() on a bare port is made to bind 127.0.0.1 only.
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number') {
    if (args.length > 1 && (args[1] === undefined || args[1] === null)) {
      args[1] = '127.0.0.1';
    } else if (args.length === 1 || typeof args[1] === 'function') {
      args.splice(1, 0, '127.0.0.1');
    }
  }
  return listen.apply(this, args);
};
