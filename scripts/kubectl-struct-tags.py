#!/usr/bin/env python3
"""Reads Go struct tags (json + protobuf) out of a kubectl binary, for the schema in io.j8s.api.protobuf.

Not a test: a maintainer's tool. kubectl is a Go program; its binary keeps, for every struct type
that reflection can reach, the field names, field types and struct tags such as
    json:"replicas,omitempty" protobuf:"varint,1,opt,name=replicas"
This walks that type metadata (Go 1.2x amd64 ELF layout: abi.Type is 48 bytes, struct fields
follow the uncommon type) and prints it, so new kinds can be added to the *Schema classes without
reading upstream sources. Check every addition with a kubectl round trip (ProtobufKubectlRoundTripTest).

  scripts/kubectl-struct-tags.py dump  'k8s.io/api/apps/v1\\.Deployment'      # regex over pkg.Type
  scripts/kubectl-struct-tags.py schema k8s.io/api/apps/v1.Deployment         # MessageType DSL, leaves first
Optional: KUBECTL=/path/to/kubectl (default /usr/bin/kubectl).
"""
import os, re, struct, sys

data = open(os.path.realpath(os.environ.get('KUBECTL', '/usr/bin/kubectl')), 'rb').read()
shoff, shentsize, shnum, shstrndx = struct.unpack_from('<Q', data, 0x28)[0], *struct.unpack_from('<HHH', data, 0x3A)
def section(i): return struct.unpack_from('<IIQQQQ', data, shoff + i * shentsize)  # name, type, flags, addr, off, size
names_off = section(shstrndx)[4]
RA = RO = RSZ = None
for i in range(shnum):
    n, _, _, addr, off, size = section(i)
    if data[names_off + n:data.index(b'\0', names_off + n)] == b'.rodata': RA, RO, RSZ = addr, off, size
ro = data[RO:RO + RSZ]
u64 = lambda a: struct.unpack_from('<Q', ro, a - RA)[0]
i32 = lambda a: struct.unpack_from('<i', ro, a - RA)[0]
byte = lambda a: ro[a - RA]

def varint(a):
    r = s = 0
    while True:
        c = byte(a); a += 1; r |= (c & 0x7F) << s; s += 7
        if c < 0x80: return r, a

def name(a):  # runtime name: flags, varint len, bytes, [varint len, tag]
    n, b = varint(a + 1); nm = ro[b - RA:b - RA + n].decode('utf8', 'replace'); tag = ''
    if byte(a) & 2:
        t, c = varint(b + n); tag = ro[c - RA:c - RA + t].decode('utf8', 'replace')
    return nm, tag

def tname(t):
    n = name(RA + i32(t + 40))[0]  # types base is the start of .rodata
    return n[1:] if byte(t + 20) & 2 else n

BASIC = {1: 'bool', 2: 'int', 5: 'int32', 6: 'int64', 8: 'uint8', 14: 'float64', 24: 'string', 20: 'interface'}
def describe(t):
    k = byte(t + 23) & 0x1F
    if k == 22: return '*' + describe(u64(t + 48))
    if k == 23: return '[]' + describe(u64(t + 48))
    if k == 21: return 'map[' + describe(u64(t + 48)) + ']' + describe(u64(t + 56))
    if k == 25: return 'struct:' + name(RA + i32(t + 80))[0] + '.' + tname(t).split('.')[-1]
    return BASIC.get(k, 'kind%d' % k)

TYPES = {}
for p in range(RA, RA + RSZ - 100, 8):  # named structs: kind 25, uncommon flag, fields right after
    if byte(p + 23) & 0x1F != 25 or not byte(p + 20) & 1: continue
    fields, n = u64(p + 56), u64(p + 64)
    if n == 0 or n > 300 or u64(p + 72) != n or fields != p + 96: continue
    try:
        key = name(RA + i32(p + 80))[0] + '.' + tname(p).split('.')[-1]
        TYPES[key] = [(*name(u64(fields + 24 * i)), describe(u64(fields + 24 * i + 8))) for i in range(n)]
    except Exception:
        pass

META = 'k8s.io/apimachinery/pkg/apis/meta/v1'
SPECIAL = {'k8s.io/apimachinery/pkg/api/resource.Quantity': 'QUANTITY', 'k8s.io/apimachinery/pkg/util/intstr.IntOrString': 'INT_OR_STRING',
           META + '.Time': 'TIME', META + '.FieldsV1': 'RAW_JSON'}
SCALAR = {'string': 'STRING', 'int32': 'INT32', 'int64': 'INT64', 'bool': 'BOOL', '[]uint8': 'BYTES'}
const = lambda t: re.sub(r'(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])', '_', t.split('.')[-1]).upper()

def deps(t):
    return [s for _, _, d in TYPES[t] for s in re.findall(r'struct:(\S+?)(?=\]|$)', d) if s not in SPECIAL and s != META + '.TypeMeta']

def value(d):
    d = d.lstrip('*')
    if d.startswith('struct:'): return SPECIAL.get(d[7:]) or const(d[7:])
    if d in SCALAR: return SCALAR[d]
    raise SystemExit('no schema scalar for Go type ' + d)

def dsl(t):
    out = ['  static final MessageType %s = message("%s")' % (const(t), t.split('.')[-1])]
    for field, tag, d in TYPES[t]:
        pb, js = re.search(r'protobuf:"(\w+),(\d+),', tag), re.search(r'json:"([^"]*)"', tag)
        if not pb: continue  # TypeMeta and other fields that are not on the wire
        num, opts = pb.group(2), (js.group(1) if js else field).split(',')
        if opts[0] == '' and 'inline' in opts: line = '.inline(%s, %s)' % (num, value(d))
        elif d.startswith('[]') and d != '[]uint8': line = '.list(%s, "%s", %s)' % (num, opts[0], value(d[2:]))
        elif d.startswith('map[string]'): line = '.map(%s, "%s", %s)' % (num, opts[0], value(d[11:]))
        else:
            zero_omitted = 'omitempty' in opts and not d.startswith('*') and not d.startswith('struct:')
            line = '.%s(%s, "%s", %s)' % ('opt' if zero_omitted else 'req', num, opts[0], value(d))
        out.append('      ' + line)
    return '\n'.join(out) + ';'

if __name__ == '__main__':
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == 'dump':
        for t in sorted(k for k in TYPES if re.search(args[0], k)):
            print(t); [print('  %-28s %-45s %s' % (f, d, tag)) for f, tag, d in TYPES[t]]
    else:
        done, order = set(), []
        def visit(t):
            if t in done: return
            done.add(t); [visit(d) for d in deps(t)]; order.append(t)
        [visit(r) for r in args]
        for t in order: print('  // ' + t.rsplit('.', 1)[0] + '\n' + dsl(t) + '\n')
