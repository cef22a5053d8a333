#!/usr/bin/env python3
"""json_schema.py - check a JSON document against a JSON Schema.

Usage: json_schema.py SCHEMA DOCUMENT

Standard library only.  Supports the keywords mploop's schemas use: type
(a name or a list), const, enum, minimum, maximum, pattern, minLength,
properties, required, additionalProperties (boolean or schema), items,
minItems, maxItems.  Any other keyword is an error, so that a schema
cannot silently ask for a check this script does not make.  Prints
"valid" and exits 0, or prints each violation (a JSON pointer and what is
wrong) and exits 1.
"""
import json
import re
import sys

KNOWN = {'$schema', 'title', 'description', 'type', 'const', 'enum', 'minimum',
         'maximum', 'pattern', 'minLength', 'properties', 'required',
         'additionalProperties', 'items', 'minItems', 'maxItems'}


def is_type(value, name):
    if name == 'integer':
        return isinstance(value, int) and not isinstance(value, bool)
    if name == 'number':
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return {'string': str, 'object': dict, 'array': list, 'boolean': bool,
            'null': type(None)}[name] == type(value)


def check(schema, value, where, errors):
    unknown = set(schema) - KNOWN
    if unknown:
        errors.append('%s: the schema uses unsupported keywords %s' % (where or '/', sorted(unknown)))
        return
    types = schema.get('type')
    if types is not None:
        names = types if isinstance(types, list) else [types]
        if not any(is_type(value, t) for t in names):
            errors.append('%s: %r is not of type %s' % (where or '/', value, '/'.join(names)))
            return
    if 'const' in schema and value != schema['const']:
        errors.append('%s: %r is not %r' % (where or '/', value, schema['const']))
    if 'enum' in schema and value not in schema['enum']:
        errors.append('%s: %r is not one of %r' % (where or '/', value, schema['enum']))
    if is_type(value, 'number'):
        if 'minimum' in schema and value < schema['minimum']:
            errors.append('%s: %r is below %r' % (where or '/', value, schema['minimum']))
        if 'maximum' in schema and value > schema['maximum']:
            errors.append('%s: %r is above %r' % (where or '/', value, schema['maximum']))
    if isinstance(value, str):
        if 'pattern' in schema and not re.search(schema['pattern'], value):
            errors.append('%s: %r does not match %r' % (where or '/', value, schema['pattern']))
        if len(value) < schema.get('minLength', 0):
            errors.append('%s: %r is too short' % (where or '/', value))
    if isinstance(value, dict):
        props = schema.get('properties', {})
        for name in schema.get('required', []):
            if name not in value:
                errors.append('%s: member %r is missing' % (where or '/', name))
        extra = schema.get('additionalProperties', True)
        for name, member in value.items():
            at = '%s/%s' % (where, name)
            if name in props:
                check(props[name], member, at, errors)
            elif extra is False:
                errors.append('%s: member %r is not in the schema' % (where or '/', name))
            elif isinstance(extra, dict):
                check(extra, member, at, errors)
    if isinstance(value, list):
        if len(value) < schema.get('minItems', 0):
            errors.append('%s: fewer than %d items' % (where or '/', schema['minItems']))
        if 'maxItems' in schema and len(value) > schema['maxItems']:
            errors.append('%s: more than %d items' % (where or '/', schema['maxItems']))
        if 'items' in schema:
            for i, item in enumerate(value):
                check(schema['items'], item, '%s/%d' % (where, i), errors)


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: json_schema.py SCHEMA DOCUMENT')
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    try:
        with open(sys.argv[2]) as f:
            document = json.load(f)
    except ValueError as e:
        print('%s: not JSON: %s' % (sys.argv[2], e))
        return 1
    errors = []
    check(schema, document, '', errors)
    for e in errors:
        print(e)
    if errors:
        return 1
    print('valid')
    return 0


if __name__ == '__main__':
    sys.exit(main())
